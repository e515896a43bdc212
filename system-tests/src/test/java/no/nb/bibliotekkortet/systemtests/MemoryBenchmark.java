package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark (never in the test run): resident memory (RSS, from /proc/&lt;pid&gt;/status of the processes
 * scripts/run.sh started, pid files in .run/) of every service idle, then after partner verifications (card + PIN,
 * Argon2id in auth-service) through the gateway, then (with {@code -Dbenchmark.lookups=N}) after N card-number lookups
 * through the gateway over a patron database holding at least {@code -Dbenchmark.minPatrons} patrons (default
 * 1 000 000, loaded beforehand with patron-service's PatronLookupBenchmark; README, "Memory", has the whole procedure).
 * Run against a started suite on this machine:
 * <pre>
 * scripts/run.sh --no-build &amp;&amp; ./mvnw -B -q -pl system-tests test -Dtest=MemoryBenchmark -Dbenchmark.memory=true \
 *     -Dbenchmark.verifications=10000 -Dbenchmark.threads=16 [-Dbenchmark.lookups=50000 \
 *     -Dbenchmark.patronDb=jdbc:postgresql://127.0.0.1:5432/patron_bench] ; scripts/stop.sh
 * </pre>
 * Results go to stdout and {@code system-tests/target/memory-benchmark.txt} (README, "Memory"). Not tagged
 * {@code benchmark} (the build excludes that tag even when a test is named): the system property alone enables it,
 * and the test command never sets it.
 */
@EnabledIfSystemProperty(named = "benchmark.memory", matches = "true")
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class MemoryBenchmark {

    private static final List<String> SERVICES = List.of("patron-service", "membership-service", "auth-service",
            "numberseries-service", "notification-service");
    private static final String PIN = "4827";

    /**
     * Per service: RSS, the peak RSS so far ({@code VmHWM}) and the committed heap (from its own
     * {@code jvm_memory_committed_bytes{area="heap"}}), in MiB, as {@code rss/peak/heap}: RSS minus heap is what the
     * JVM holds outside the heap (metaspace, code, threads, malloc), the part a container limit must hold beside a full
     * heap.
     */
    private static Map<String, String> rssMib() throws IOException {
        Map<String, String> rss = new LinkedHashMap<>();
        for (String service : SERVICES) {
            String pid = Files.readString(ProjectFiles.root().resolve(".run/" + service + ".pid")).trim();
            List<String> status = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
            rss.put(service, kib(status, "VmRSS:") / 1024 + "/" + kib(status, "VmHWM:") / 1024 + "/" + heapCommittedMib(service));
        }
        return rss;
    }

    private static long kib(List<String> status, String field) {
        return status.stream().filter(l -> l.startsWith(field)).mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst().orElseThrow();
    }

    private static long heapCommittedMib(String service) {
        String metrics = io.restassured.RestAssured.given().header("Accept", "text/plain; version=0.0.4")
                .get(no.nb.bibliotekkortet.systemtests.support.Suite.serviceUrl(service) + "/q/metrics").asString();
        double bytes = metrics.lines().filter(l -> l.startsWith("jvm_memory_committed_bytes{") && l.contains("area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        return Math.round(bytes / (1024 * 1024));
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void rssIdleAndAfterPartnerVerifications() throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("Per service rss/peak rss/committed heap, MiB\n");
        out.append("RSS idle (MiB): ").append(rssMib()).append('\n');

        // Filmoteket as a partner that 2030000 pays for (as AuthenticationSliceTest sets it up).
        String admin = maskinporten(no.nb.bibliotekkortet.systemtests.support.Suite.ADMIN, "admin");
        gateway(admin).body("{\"partnerServices\": [\"filmoteket\"], \"unstaffedMinimumAge\": 15}")
                .patch("/api/v1/libraries/2030000").then().statusCode(200);
        gateway(admin).body("{\"name\": \"Filmoteket\", \"kind\": \"FILM\", \"ageThresholds\": [15, 18], "
                + "\"requiresPayingLibrary\": true}").put("/api/v1/partners/filmoteket").then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String card = gateway(maskinporten("library-system-2030000", "series")).header("Library-Number", "2030000")
                    .body("{\"count\": 1}").post("/api/v1/number-series").then().statusCode(201).extract().path("first");
            // 409: the synthetic identity number is already a patron (a database loaded with 1 000 000): take the next.
            int status;
            do {
                status = gateway(maskinporten("library-system-2030000", "patrons.write")).header("Library-Number", "2030000")
                        .body("""
                                {"identityNumber": "%s", "givenNames": "Mem", "surname": "Bench", "email": "mem@example.no",
                                 "permanentAddress": {"streetLines": ["Storgata 3"], "postcode": "0150", "place": "Oslo"},
                                 "language": "nb", "pin": "%s", "cardNumber": "%s"}""".formatted(SyntheticIdentityNumbers.next(), PIN, card))
                        .post("/api/v1/patrons").statusCode();
            } while (status == 409);
            org.junit.jupiter.api.Assertions.assertEquals(201, status);
            cards.add(card);
        }
        out.append("RSS after registering 20 patrons (MiB): ").append(rssMib()).append('\n');

        int count = Integer.getInteger("benchmark.verifications", 1000);
        int threads = Integer.getInteger("benchmark.threads", 16);
        AtomicInteger other = new AtomicInteger();
        double seconds = load(count, threads, () -> maskinporten("partner-filmoteket", "partner.auth"), (token, i) -> {
            int status = gateway(token).body("{\"cardNumber\": \"" + cards.get(i % cards.size()) + "\", \"pin\": \""
                    + PIN + "\"}").post("/api/v1/authentications/partner").statusCode();
            if (status != 200) {
                other.incrementAndGet();
            }
        });
        // non-200 are 503s with Retry-After when the hashing slots stay busy longer than auth.hashing.queue-wait
        out.append(String.format("%d partner verifications, %d client threads: %.0f/s, non-200: %d%n", count, threads,
                count / seconds, other.get()));
        out.append("RSS after the verifications (MiB): ").append(rssMib()).append('\n');
        System.out.println(out);
        Files.writeString(ProjectFiles.root().resolve("system-tests/target/memory-benchmark.txt"), out.toString());
    }

    /**
     * {@code -Dbenchmark.lookups} card-number lookups ({@code GET /api/v1/patrons/<card>} as Deichman's library system,
     * through the gateway) by {@code -Dbenchmark.threads} clients, each card picked at random from the whole patron
     * database ({@code -Dbenchmark.patronDb}, the suite's patron database), which must hold at least
     * {@code -Dbenchmark.minPatrons} patrons; RSS before and after.
     */
    @Test
    @org.junit.jupiter.api.Order(2)
    void rssAfterCardNumberLookupsOverTheLoadedPatrons() throws Exception {
        int count = Integer.getInteger("benchmark.lookups", 0);
        org.junit.jupiter.api.Assumptions.assumeTrue(count > 0, "no -Dbenchmark.lookups");
        int threads = Integer.getInteger("benchmark.threads", 16);
        int minPatrons = Integer.getInteger("benchmark.minPatrons", 1_000_000);
        String url = System.getProperty("benchmark.patronDb", "jdbc:postgresql://127.0.0.1:5432/patron"
                + System.getenv().getOrDefault("SUITE_DB_SUFFIX", ""));
        List<String> cards = new ArrayList<>();
        long patrons;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, System.getenv().getOrDefault("DB_USER", "postgres"),
                System.getenv().getOrDefault("DB_PASSWORD", ""));
             java.sql.Statement st = c.createStatement()) {
            try (java.sql.ResultSet rs = st.executeQuery("select count(*) from patron")) {
                rs.next();
                patrons = rs.getLong(1);
            }
            // About 1 % of the cards' pages, so the sample spreads over the whole table.
            try (java.sql.ResultSet rs = st.executeQuery("select card_number from card tablesample system (1) limit " + count)) {
                while (rs.next()) {
                    cards.add(rs.getString(1));
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(patrons >= minPatrons, url + " holds " + patrons + " patrons, fewer than " + minPatrons);
        StringBuilder out = new StringBuilder();
        out.append("RSS before the lookups (MiB): ").append(rssMib()).append('\n');
        Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        long[] latencies = new long[count];
        double seconds = load(count, threads, () -> maskinporten("library-system-2030000", "patrons.read"), (token, i) -> {
            long start = System.nanoTime();
            int status = gateway(token).header("Library-Number", "2030000").get("/api/v1/patrons/" + cards.get(i % cards.size()))
                    .statusCode();
            latencies[i] = System.nanoTime() - start;
            statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
        });
        java.util.Arrays.sort(latencies);
        out.append(String.format("%d card-number lookups over %d patrons (%d distinct cards sampled), %d client threads: "
                        + "%.0f/s, p50 %.1f ms, p99 %.1f ms, statuses %s%n", count, patrons, cards.size(), threads, count / seconds,
                latencies[count / 2] / 1e6, latencies[(int) (count * 0.99)] / 1e6, statuses));
        out.append("RSS after the lookups (MiB): ").append(rssMib()).append('\n');
        System.out.println(out);
        Files.writeString(ProjectFiles.root().resolve("system-tests/target/memory-benchmark.txt"), out.toString(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /**
     * Sends {@code count} requests from {@code threads} client threads ({@code request} gets a token and the request's
     * index); the mock's tokens live 120 s, so a fresh one is fetched every 60 s.
     *
     * @return the elapsed time in seconds
     */
    private static double load(int count, int threads, java.util.function.Supplier<String> freshToken,
                               java.util.function.ObjIntConsumer<String> request) throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> token = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong tokenAt = new java.util.concurrent.atomic.AtomicLong();
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    String current;
                    synchronized (token) {
                        if (System.nanoTime() - tokenAt.get() > 60_000_000_000L || token.get() == null) {
                            token.set(freshToken.get());
                            tokenAt.set(System.nanoTime());
                        }
                        current = token.get();
                    }
                    request.accept(current, i);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return (System.nanoTime() - t0) / 1e9;
    }
}
