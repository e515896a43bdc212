package no.nb.bibliotekkortet.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import org.junit.jupiter.api.Test;

/**
 * The conventions of docs/architecture.md, checked on the sources of every module's main code (a plain source
 * scan; needs no running suite and runs in step 1 of scripts/test.sh):
 * <ul>
 *   <li>dependencies point one way, {@code rest → service → repository}: no package outside a {@code rest}
 *       package refers to a {@code rest} package, no {@code repository} or {@code domain} package refers to a
 *       {@code service} package, and no {@code domain} package refers to a {@code repository} package;</li>
 *   <li>every query (native SQL, JPQL, raw JDBC) is in a {@code repository} package.</li>
 * </ul>
 * A reference is an import or a fully qualified name of one of the suite's packages; comments are ignored.
 * test-support is left out: its main code is test infrastructure (it resets the test databases over JDBC).
 */
class LayeringTest {

    private static final Path ROOT = ProjectFiles.root();

    /** Modules whose main code is not part of a service (test infrastructure). */
    private static final Set<String> NOT_SCANNED = Set.of("test-support", "system-tests");

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern SUITE_REFERENCE = Pattern.compile("\\bno\\.nb\\.bibliotekkortet((?:\\.[a-z_][a-z0-9_]*)+)");
    private static final Pattern QUERY = Pattern.compile(
            "\\b(createNativeQuery|NamedNativeQuery|NativeQuery|createQuery|createNamedQuery|createStoredProcedureQuery"
                    + "|prepareStatement|prepareCall)\\b");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    record Source(Path path, String packageName, String code) {

        boolean in(String segment) {
            return segments(packageName).contains(segment);
        }

        /** The suite's packages this file names (imports and fully qualified names), without class names. */
        List<String> references() {
            List<String> found = new ArrayList<>();
            Matcher m = SUITE_REFERENCE.matcher(code);
            while (m.find()) {
                found.add("no.nb.bibliotekkortet" + m.group(1));
            }
            return found;
        }

        String where() {
            return ROOT.relativize(path).toString();
        }
    }

    static List<String> segments(String packageName) {
        return List.of(packageName.split("\\."));
    }

    static List<Source> sources() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            List<Path> roots = modules
                    .filter(m -> !NOT_SCANNED.contains(m.getFileName().toString()))
                    .map(m -> m.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .toList();
            List<Source> all = new ArrayList<>();
            for (Path root : roots) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        String code = COMMENT.matcher(Files.readString(file)).replaceAll(" ");
                        Matcher p = PACKAGE.matcher(code);
                        all.add(new Source(file, p.find() ? p.group(1) : "", code));
                    }
                }
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> violations(String refersTo, java.util.function.Predicate<Source> from) {
        return sources().stream()
                .filter(from)
                .flatMap(s -> s.references().stream()
                        .filter(ref -> segments(ref).contains(refersTo))
                        .distinct()
                        .map(ref -> s.where() + " -> " + ref))
                .sorted()
                .collect(Collectors.toList());
    }

    @Test
    void theScanSeesEveryService() {
        Set<String> modules = sources().stream()
                .map(s -> ROOT.relativize(s.path()).getName(0).toString())
                .collect(Collectors.toSet());
        assertTrue(modules.containsAll(Set.of("common", "patron-service", "membership-service", "auth-service",
                "numberseries-service", "notification-service")), modules.toString());
        assertTrue(sources().stream().anyMatch(s -> s.in("repository")), "no repository package found");
    }

    @Test
    void onlyRestPackagesReferToRestPackages() {
        assertEquals(List.of(), violations("rest", s -> !s.in("rest")),
                "request and view shapes that services need live in service or domain (docs/architecture.md)");
    }

    @Test
    void repositoryAndDomainPackagesDoNotReferToServicePackages() {
        assertEquals(List.of(), violations("service", s -> s.in("repository") || s.in("domain")),
                "types that repositories need live in domain or repository (docs/architecture.md)");
    }

    @Test
    void domainPackagesDoNotReferToRepositoryPackages() {
        assertEquals(List.of(), violations("repository", s -> s.in("domain")),
                "domain holds pure rules and value types (docs/architecture.md)");
    }

    @Test
    void everyQueryIsInARepositoryPackage() {
        List<String> found = sources().stream()
                .filter(s -> !s.in("repository"))
                .flatMap(s -> {
                    Matcher m = QUERY.matcher(s.code());
                    java.util.SortedSet<String> kinds = new java.util.TreeSet<>();
                    int n = 0;
                    while (m.find()) {
                        kinds.add(m.group(1));
                        n++;
                    }
                    return n == 0 ? Stream.<String>empty() : Stream.of(s.where() + ": " + n + " " + kinds);
                })
                .sorted()
                .toList();
        assertEquals(List.of(), found, "queries belong in repository packages (docs/architecture.md)");
    }
}
