package no.nb.bibliotekkortet.systemtests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a local command (a project script, kubectl) from the checkout root and returns exit code and output. */
public final class Commands {

    /** Exit code and combined stdout+stderr of a finished command. */
    public record Result(int exitCode, String output) {
    }

    private Commands() {
    }

    /** Runs {@code command} with extra environment {@code env}; fails after 120 s. */
    public static Result run(Map<String, String> env, String... command) {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(ProjectFiles.root().toFile());
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        try {
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
