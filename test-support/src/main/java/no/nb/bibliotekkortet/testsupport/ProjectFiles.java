package no.nb.bibliotekkortet.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the project checkout from a module's working directory. */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    /**
     * The project root: the nearest directory at or above the working directory that holds
     * {@code config/mock-oauth2.json}.
     *
     * @throws IllegalStateException when there is none
     */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("config/mock-oauth2.json"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Cannot find the project root (config/mock-oauth2.json) above "
                + Path.of("").toAbsolutePath());
    }
}
