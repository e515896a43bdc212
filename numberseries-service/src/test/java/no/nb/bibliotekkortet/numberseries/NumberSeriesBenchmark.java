package no.nb.bibliotekkortet.numberseries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import no.nb.bibliotekkortet.numberseries.support.TestDb;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not part of the test run; surefire excludes the tag): 50 concurrent HTTP clients with
 * real tokens against the real PostgreSQL, (a) ordering series of 10 numbers, (b) allocating digital
 * numbers, each for a fixed time. Prints operations/s and p50/p99 latency, and checks afterwards that
 * no range overlaps and no number was handed out twice. Run with
 * {@code ./mvnw -B test -pl numberseries-service -Pbenchmark -Dtest=NumberSeriesBenchmark}
 * (seconds per phase: {@code -Dbenchmark.seconds=20}).
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "numberseries_test"))
class NumberSeriesBenchmark {

    private static final int CLIENTS = 50;

    @Inject
    TestDb db;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void ordersAndDigitalAllocations() throws Exception {
        db.reset();
        int seconds = Integer.getInteger("benchmark.seconds", 20);
        String library = Tokens.maskinporten("library-system-2030000", "series");
        Result orders = run("orders", seconds, () -> HttpRequest.newBuilder(uri("/api/v1/number-series"))
                .header("Authorization", "Bearer " + library).header("Library-Number", "2030000")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"count\": 10}")).build());
        String internal = Tokens.internal("patron-service");
        Result allocations = run("digital allocations", seconds, () -> HttpRequest.newBuilder(uri("/internal/v1/digital-card-numbers"))
                .header("Authorization", "Bearer " + internal).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"requestId\": \"bench-" + UUID.randomUUID() + "\"}")).build());
        assertEquals(0, orders.failures + allocations.failures, "every request succeeded");
        assertEquals(0, db.count("select count(*) from series a join series b on a.id < b.id and a.numbers && b.numbers"));
        assertEquals(db.count("select count(*) from card_number"), db.count("select count(distinct number) from card_number"));
        System.out.printf("BENCHMARK machine: %d cores; %d clients; %d s per phase%n",
                Runtime.getRuntime().availableProcessors(), CLIENTS, seconds);
        System.out.println("BENCHMARK " + orders);
        System.out.println("BENCHMARK " + allocations);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private record Result(String name, int ok, int failures, double seconds, double p50Ms, double p99Ms, double jvmCpuMs,
                          double postgresCpuMs) {
        @Override
        public String toString() {
            return String.format("%s: %d ok, %d failed in %.1f s = %.1f/s; latency p50 %.1f ms, p99 %.1f ms; "
                            + "CPU per operation: this JVM (load client + service) %.2f ms, PostgreSQL backends %s",
                    name, ok, failures, seconds, ok / seconds, p50Ms, p99Ms, jvmCpuMs / Math.max(1, ok),
                    postgresCpuMs < 0 ? "n/a" : String.format("%.2f ms", postgresCpuMs / Math.max(1, ok)));
        }
    }

    /** CPU time this JVM has used (all threads: the load client and the service), ms. */
    private static double jvmCpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e6;
    }

    /**
     * CPU time the PostgreSQL backends of this database have used, ms (from /proc: PostgreSQL on this machine), or
     * -1 when it cannot be read (clock ticks of 1/100 s, Linux). A phase's share is the difference between its ends;
     * a backend that ended during the phase is not counted (the service's pool keeps its connections).
     */
    private java.util.Map<Long, Double> postgresCpuMs() {
        java.util.Map<Long, Double> cpu = new java.util.HashMap<>();
        long ticks = 100;
        for (long pid : db.pids()) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                cpu.put(pid, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000.0 / ticks);
            } catch (java.io.IOException | RuntimeException e) {
                // not on this machine, or gone
            }
        }
        return cpu;
    }

    private static double used(java.util.Map<Long, Double> before, java.util.Map<Long, Double> after) {
        if (before.isEmpty()) {
            return -1;
        }
        // a backend that started during the phase used all its CPU in it
        return after.entrySet().stream().mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0)).sum();
    }

    private Result run(String name, int seconds, Supplier<HttpRequest> request) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch done = new CountDownLatch(CLIENTS);
        double cpuBefore = jvmCpuMs();
        var postgresBefore = postgresCpuMs();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        for (int c = 0; c < CLIENTS; c++) {
            pool.submit(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(request.get(), HttpResponse.BodyHandlers.ofString());
                        long t1 = System.nanoTime();
                        if (r.statusCode() == 201) {
                            latencies.add(t1 - t0);
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = jvmCpuMs() - cpuBefore;
        double postgres = used(postgresBefore, postgresCpuMs());
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(name, sorted.size(), failures.get(), elapsed, percentile(sorted, 0.50), percentile(sorted, 0.99),
                cpu, postgres);
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
