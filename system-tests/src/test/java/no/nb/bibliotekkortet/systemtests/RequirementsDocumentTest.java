package no.nb.bibliotekkortet.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import org.junit.jupiter.api.Test;

/**
 * Offline: every requirement number the code and docs cite (problem {@code rule}s, docstrings, OpenAPI descriptions)
 * resolves to an anchor of {@code docs/requirements.md}, the copy of R1..R24 that ships with this repository.
 */
class RequirementsDocumentTest {

    private static final Pattern CITED = Pattern.compile("\\bR([1-9][0-9]?)\\b");

    @Test
    void everyCitedRequirementHasAnAnchor() throws IOException {
        Path root = ProjectFiles.root();
        String requirements = Files.readString(root.resolve("docs/requirements.md"));
        Set<String> missing = new TreeSet<>();
        Set<String> cited = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".md"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.m2repo/")
                            && !p.toString().contains("/node_modules/") && !p.toString().contains("/.run/"))
                    .toList()) {
                Matcher m = CITED.matcher(Files.readString(file));
                while (m.find()) {
                    String r = "r" + m.group(1);
                    cited.add(r);
                    if (!requirements.contains("<a id=\"" + r + "\"></a>")) {
                        missing.add(r + " (" + root.relativize(file) + ")");
                    }
                }
            }
        }
        assertTrue(cited.size() >= 20, "expected the code to cite most of R1..R24, found " + cited);
        assertEquals(Set.of(), missing, "requirement numbers cited but not in docs/requirements.md");
    }
}
