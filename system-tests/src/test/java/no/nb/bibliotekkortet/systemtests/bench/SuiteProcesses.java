package no.nb.bibliotekkortet.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;

/**
 * CPU time of the running suite (Linux {@code /proc}): the five services and the gateway's nginx worker processes,
 * found through the pid files scripts/run.sh writes to {@code .run/}. PostgreSQL's own CPU is not included (its
 * backends serve other users of the server too).
 */
final class SuiteProcesses {

    private static final List<String> JVMS = List.of("patron-service", "membership-service", "auth-service",
            "numberseries-service", "notification-service");
    /** USER_HZ: the unit of utime/stime in /proc/&lt;pid&gt;/stat (100 on every Linux this runs on). */
    private static final double TICKS_PER_SECOND = 100;

    private SuiteProcesses() {
    }

    /** User + system CPU seconds the suite's processes have used so far (0 for a process that is gone). */
    static double cpuSeconds() {
        double sum = 0;
        Path run = ProjectFiles.root().resolve(".run");
        for (String name : JVMS) {
            sum += ticks(pid(run.resolve(name + ".pid")));
        }
        long nginx = pid(run.resolve("nginx.pid"));
        if (nginx > 0) {
            sum += ticks(nginx);
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                    String[] f = stat(Long.parseLong(p.getFileName().toString()));
                    if (f != null && Long.parseLong(f[1]) == nginx) {
                        sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                }
            } catch (IOException e) {
                // /proc unreadable: the workers' CPU is left out
            }
        }
        return sum / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds the five services' JIT compiler threads (HotSpot's "C1 CompilerThre…", "C2 CompilerThre…", by
     * {@code /proc/<pid>/task/<tid>/comm}) have used so far: the part of the suite's CPU that is warm-up, not work.
     */
    static double jitCpuSeconds() {
        return threadCpuSeconds(JVMS, "C1 Compiler", "C2 Compiler");
    }

    /**
     * CPU seconds auth-service's hashing threads ("argon2-…") have used so far: the hashes as the suite computes
     * them, on a machine they share with everything else (on this one a hash in the suite took about twice its CPU
     * alone: 19 MiB of memory per hash, caches shared).
     */
    static double hashingCpuSeconds() {
        return threadCpuSeconds(List.of("auth-service"), "argon2");
    }

    /** CPU seconds of the threads of these services whose name starts with one of the prefixes. */
    private static double threadCpuSeconds(List<String> services, String... prefixes) {
        double sum = 0;
        Path run = ProjectFiles.root().resolve(".run");
        for (String name : services) {
            long pid = pid(run.resolve(name + ".pid"));
            if (pid <= 0) {
                continue;
            }
            try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks.toList()) {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    if (java.util.Arrays.stream(prefixes).anyMatch(comm::startsWith)) {
                        sum += ticks(stat(task.resolve("stat")));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process or a thread went away meanwhile: counted as no compilation
            }
        }
        return sum / TICKS_PER_SECOND;
    }

    private static long pid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static long ticks(long pid) {
        return pid > 0 ? ticks(stat(pid)) : 0;
    }

    /** utime + stime of stat fields ({@link #stat(Path)}), 0 for none. */
    private static long ticks(String[] f) {
        return f == null ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String[] stat(long pid) {
        return stat(Path.of("/proc/" + pid + "/stat"));
    }

    /**
     * The fields of a process's or thread's stat file ({@code /proc/<pid>/stat}, {@code /proc/<pid>/task/<tid>/stat})
     * after the command name: [0] state, [1] ppid, …, [11] utime, [12] stime; null when it cannot be read.
     */
    private static String[] stat(Path file) {
        try {
            String s = Files.readString(file);
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
