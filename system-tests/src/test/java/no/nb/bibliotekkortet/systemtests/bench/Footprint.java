package no.nb.bibliotekkortet.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The footprint scripts/bench.sh measured (each service started alone): a tab-separated file with one line per start,
 * {@code service, JVM options beside run.sh's, ms from process start to /q/health/ready UP, Quarkus' "started in"
 * seconds, VmRSS in MiB a few seconds after ready}.
 */
final class Footprint {

    private Footprint() {
    }

    /** The measured starts, or none when {@code file} is unset or missing. */
    static List<Map<String, Object>> read(String file) throws IOException {
        List<Map<String, Object>> starts = new ArrayList<>();
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            return starts;
        }
        for (String line : Files.readAllLines(Path.of(file))) {
            String[] f = line.split("\t", -1);
            if (f.length < 5) {
                continue;
            }
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("service", f[0]);
            start.put("options", f[1].isEmpty() ? "(none)" : f[1]);
            start.put("readyMs", f[2]);
            start.put("startedInSeconds", f[3]);
            start.put("idleRssMiB", f[4]);
            start.put("met", number(f[2]) <= 3000 && number(f[4]) <= 200);
            starts.add(start);
        }
        return starts;
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.POSITIVE_INFINITY;
        }
    }
}
