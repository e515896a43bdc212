package no.nb.bibliotekkortet.systemtests.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the checkout's root (the directory holding gateway/routes.tsv) from the test's working directory. */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    /** The checkout root; throws when not found above the working directory. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("gateway/routes.tsv")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Cannot find the checkout root above " + Path.of("").toAbsolutePath());
    }
}
