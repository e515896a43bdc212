package no.nb.bibliotekkortet.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * PostgreSQL's own rate on the same server, as the reference of each hot path: runs the {@code pgbench} binary over TCP
 * ({@code -h host}) against a scratch database that scripts/bench.sh initialised ({@code pgbench -i}), with
 * per-transaction logging ({@code -l}) so that p50/p99 come from the same HdrHistogram as the paths'.
 */
public final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: ([0-9]+)");

    private final String binary;
    private final String host;
    private final String port;
    private final String user;
    private final String database;
    private final Path workDir;

    /**
     * @param binary   the pgbench executable
     * @param database the scratch database holding pgbench's tables (never a service's database)
     * @param workDir  where the per-transaction logs and the write script are written (deleted after each run)
     */
    public Pgbench(String binary, String host, String port, String user, String database, Path workDir) {
        this.binary = binary;
        this.host = host;
        this.port = port;
        this.user = user;
        this.database = database;
        this.workDir = workDir;
    }

    /** {@code pgbench -S}: the built-in select-only script (one primary-key point select per transaction). */
    public LoadClient.Result selectOnly(int clients, double seconds) throws Exception {
        return run(clients, seconds, List.of("-S"));
    }

    /**
     * One UPDATE of a random {@code pgbench_accounts} row (of the 1 000 000 that {@code pgbench -i -s 10} made) plus one INSERT into {@code pgbench_history} per transaction:
     * the smallest honest write a hot write path has to make (a counter and a record of it).
     */
    public LoadClient.Result updateInsert(int clients, double seconds) throws Exception {
        Path script = workDir.resolve("update-insert.sql");
        Files.writeString(script, """
                \\set aid random(1, 1000000)
                \\set delta random(-5000, 5000)
                BEGIN;
                UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
                INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (1, 1, :aid, :delta, CURRENT_TIMESTAMP);
                END;
                """);
        return run(clients, seconds, List.of("-f", script.toString()));
    }

    private LoadClient.Result run(int clients, double seconds, List<String> script) throws Exception {
        Files.createDirectories(workDir);
        String prefix = "pgbench-log-" + System.nanoTime();
        List<String> command = new ArrayList<>(List.of(binary, "-h", host, "-p", port, "-U", user, "-n",
                "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T", String.valueOf(Math.max(1, Math.round(seconds))), "-l", "--log-prefix=" + prefix));
        command.addAll(script);
        command.add(database);
        double cpu0 = LoadClient.processCpuSeconds();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Matcher tps = TPS.matcher(output);
        if (exit != 0 || !tps.find()) {
            throw new IllegalStateException("pgbench failed (exit " + exit + "): " + String.join(" ", command) + "\n" + output);
        }
        Histogram latency = new Histogram(60_000_000_000L, 3);
        try (Stream<Path> logs = Files.list(workDir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                try (Stream<String> lines = Files.lines(log)) {
                    // client_id transaction_no time_us script_no time_epoch time_us_fraction
                    lines.forEach(line -> {
                        String[] f = line.split(" ");
                        if (f.length > 2 && !f[2].equals("failed") && !f[2].equals("skipped")) {
                            latency.recordValue(Math.min(60_000_000_000L, Long.parseLong(f[2]) * 1000));
                        }
                    });
                }
                Files.delete(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read pgbench's transaction logs in " + workDir, e);
        }
        Matcher failed = FAILED.matcher(output);
        long errors = failed.find() ? Long.parseLong(failed.group(1)) : 0;
        double tpsValue = Double.parseDouble(tps.group(1));
        // Throughput as pgbench reports it (without connection set-up); ops from the log.
        double measuredSeconds = latency.getTotalCount() > 0 ? latency.getTotalCount() / tpsValue : elapsed;
        return new LoadClient.Result(latency.getTotalCount(), errors, measuredSeconds, latency,
                LoadClient.processCpuSeconds() - cpu0);
    }
}
