package no.nb.bibliotekkortet.auth;

import static no.nb.bibliotekkortet.auth.support.Fixtures.PIN;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.inject.Inject;
import no.nb.bibliotekkortet.auth.config.AuthConfig;
import no.nb.bibliotekkortet.auth.domain.PepperedArgon2;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import no.nb.bibliotekkortet.auth.support.Fixtures.TestPatron;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (never in the test run): cost per Argon2id hash at the configured parameters, partner
 * verifications per second with p50/p99 through HTTP (stubbed patron-service, real DB and tokens), and age
 * checks per second with a pairwise subject (no hashing). Run:
 * {@code ./mvnw -B -q install -pl auth-service -Dbench.excludedGroups=none -Dgroups=benchmark -Dtest=VerificationBenchmark}
 * ({@code -Dbenchmark.verifications=10000 -Dbenchmark.threads=16} for the memory run: the JVM's RSS before and after
 * the verifications is reported; README, "Memory"). Results go to stdout and {@code auth-service/target/benchmark.txt}.
 */
@QuarkusTest
@TestProfile(VerificationBenchmark.Unlimited.class)
@Tag("benchmark")
class VerificationBenchmark extends AuthTestBase {

    /**
     * No daily age-check limit, so the benchmark measures the work and not the 429; the card cache at its production
     * lifetime (tests otherwise turn it off); activity batched and the outbox delivered (to the stub) every second as in
     * production, so that the cost of reporting activity is measured too.
     */
    public static class Unlimited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.age-check.max-per-day", "100000000",
                    "auth.activity.initial-delay", "1s", "register.outbox.initial-delay", "1s");
        }
    }

    @Inject
    AuthConfig config;

    @Test
    void measure() throws Exception {
        StringBuilder out = new StringBuilder();
        AuthConfig.Hashing h = config.hashing();
        PepperedArgon2 argon2 = new PepperedArgon2(config.pepper().keys(), 16);
        PepperedArgon2.Parameters p = new PepperedArgon2.Parameters(h.memoryKib(), h.iterations(), h.parallelism(),
                config.pepper().currentKeyId());
        for (int i = 0; i < 10; i++) {
            argon2.hash("warm-up", p);
        }
        int n = 100;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            argon2.hash("4827", p);
        }
        double perHash = (System.nanoTime() - t0) / 1e6 / n;
        out.append(String.format("cores=%d argon2id m=%d KiB t=%d p=%d: %.1f ms per hash (single thread, %d hashes)%n",
                Runtime.getRuntime().availableProcessors(), h.memoryKib(), h.iterations(), h.parallelism(), perHash, n));

        List<TestPatron> patrons = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestPatron t = Fixtures.patron(LocalDate.of(1990, 1, 1), "IDENTITY_NUMBER", false);
            Fixtures.memberships(t, Fixtures.OSLO);
            patrons.add(t);
        }
        String[] token = {Fixtures.token("partner-filmoteket", "partner.auth")};
        out.append(String.format("process RSS before verifications: %d MiB (MALLOC_ARENA_MAX=%s)%n", rssMib(),
                System.getenv().getOrDefault("MALLOC_ARENA_MAX", "unset")));
        int verifications = Integer.getInteger("benchmark.verifications", 300);
        run(out, "partner verifications (card + PIN)", Integer.getInteger("benchmark.threads", 4), verifications,
                i -> RestAssured.given().auth().oauth2(fresh(token)).contentType("application/json")
                        .body(Map.of("cardNumber", patrons.get(i % patrons.size()).cardNumber(), "pin", PIN))
                        .post("/api/v1/authentications/partner").statusCode());
        out.append(String.format("process RSS after %d verifications: %d MiB%n", verifications, rssMib()));
        List<String> subjects = patrons.stream().map(t -> Fixtures.filmoteket(t.cardNumber(), PIN).statusCode(200)
                .extract().<String>path("subject")).filter(java.util.Objects::nonNull).toList();
        // Refreshed like the verifications' token: a slow run outlives the mock's 120 s tokens (then every check was 401).
        String[] ageToken = {Fixtures.token("partner-filmoteket", "partner.auth")};
        run(out, "age checks (pairwise subject)", Integer.getInteger("benchmark.age-threads", 4),
                Integer.getInteger("benchmark.age-checks", 2000), i -> RestAssured.given().auth().oauth2(fresh(ageToken))
                .contentType("application/json").body(Map.of("subject", subjects.get(i % subjects.size()), "age", 15))
                .post("/api/v1/age-checks").statusCode());
        System.out.println(out);
        Files.writeString(Path.of("target/benchmark.txt"), out.toString());
    }

    private static long tokenAt = System.nanoTime();

    /** The token in {@code holder}, replaced by a fresh one once a minute (the mock's tokens live 120 s). */
    private static synchronized String fresh(String[] holder) {
        if (System.nanoTime() - tokenAt > 60_000_000_000L) {
            holder[0] = Fixtures.token("partner-filmoteket", "partner.auth");
            tokenAt = System.nanoTime();
        }
        return holder[0];
    }

    /** Resident set size of this JVM (service and load client) in MiB, from /proc/self/status (Linux). */
    private static long rssMib() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1);
    }

    @Inject
    javax.sql.DataSource dataSource;

    /** CPU time of this JVM (all threads: the service, the HTTP stubs and the load client). */
    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * utime + stime (clock ticks of 10 ms, /proc/PID/stat fields 14 and 15) of every PostgreSQL backend connected to
     * this test's database: the database work of the requests, apart from other databases on the shared server.
     */
    private java.util.Map<Integer, Long> databaseCpuTicks() throws Exception {
        java.util.Map<Integer, Long> ticks = new java.util.HashMap<>();
        try (var c = dataSource.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("select pid from pg_stat_activity where datname = current_database()")) {
            while (rs.next()) {
                int pid = rs.getInt(1);
                try {
                    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (java.io.IOException gone) {
                    // the backend ended between the query and the read
                }
            }
        }
        return ticks;
    }

    private static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private interface Call {
        int call(int i) throws Exception;
    }

    private void run(StringBuilder out, String name, int threads, int count, Call call) throws Exception {
        for (int i = 0; i < 50; i++) {
            call.call(i);
        }
        long jvmCpu0 = jvmCpuNanos();
        java.util.Map<Integer, Long> pg0 = databaseCpuTicks();
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long s = System.nanoTime();
                    try {
                        if (call.call(i) != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - s;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double jvmCpuMs = (jvmCpuNanos() - jvmCpu0) / 1e6 / count;
        java.util.Map<Integer, Long> pg1 = databaseCpuTicks();
        long pgTicks = 0;
        for (var e : pg1.entrySet()) {
            pgTicks += e.getValue() - pg0.getOrDefault(e.getKey(), 0L);
        }
        double pgCpuMs = pgTicks * 10.0 / count;
        pool.shutdown();
        Arrays.sort(latencies);
        out.append(String.format("%s: %d requests, %d client threads: %.0f/s, p50 %.1f ms, p99 %.1f ms, non-200: %d; "
                        + "CPU per request: JVM %.2f ms (service, stubs and load client), PostgreSQL backends %.2f ms; "
                        + "load average %s%n",
                name, count, threads, count / seconds, latencies[count / 2] / 1e6, latencies[(int) (count * 0.99)] / 1e6,
                errors.get(), jvmCpuMs, pgCpuMs, loadAverage()));
        System.out.println(out);
    }
}
