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
 * Argon2id in auth-service) through the gateway. Run against a started suite on this machine:
 * <pre>
 * scripts/run.sh --no-build &amp;&amp; ./mvnw -B -q -pl system-tests test -Dtest=MemoryBenchmark -Dbenchmark.memory=true \
 *     -Dbenchmark.verifications=10000 -Dbenchmark.threads=16 ; scripts/stop.sh
 * </pre>
 * Results go to stdout and {@code system-tests/target/memory-benchmark.txt} (README, "Memory"). Not tagged
 * {@code benchmark} (the build excludes that tag even when a test is named): the system property alone enables it,
 * and the test command never sets it.
 */
@EnabledIfSystemProperty(named = "benchmark.memory", matches = "true")
class MemoryBenchmark {

    private static final List<String> SERVICES = List.of("patron-service", "membership-service", "auth-service",
            "numberseries-service", "notification-service");
    private static final String PIN = "4827";

    private static Map<String, Long> rssMib() throws IOException {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (String service : SERVICES) {
            String pid = Files.readString(ProjectFiles.root().resolve(".run/" + service + ".pid")).trim();
            long kib = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
            rss.put(service, kib / 1024);
        }
        return rss;
    }

    @Test
    void rssIdleAndAfterPartnerVerifications() throws Exception {
        StringBuilder out = new StringBuilder();
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
            gateway(maskinporten("library-system-2030000", "patrons.write")).header("Library-Number", "2030000")
                    .body("""
                            {"identityNumber": "%s", "givenNames": "Mem", "surname": "Bench", "email": "mem@example.no",
                             "permanentAddress": {"streetLines": ["Storgata 3"], "postcode": "0150", "place": "Oslo"},
                             "language": "nb", "pin": "%s", "cardNumber": "%s"}""".formatted(SyntheticIdentityNumbers.next(), PIN, card))
                    .post("/api/v1/patrons").then().statusCode(201);
            cards.add(card);
        }
        out.append("RSS after registering 20 patrons (MiB): ").append(rssMib()).append('\n');

        int count = Integer.getInteger("benchmark.verifications", 1000);
        int threads = Integer.getInteger("benchmark.threads", 16);
        // The mock's tokens live 120 s: a fresh one every 60 s.
        java.util.concurrent.atomic.AtomicReference<String> token = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong tokenAt = new java.util.concurrent.atomic.AtomicLong();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    synchronized (token) {
                        if (System.nanoTime() - tokenAt.get() > 60_000_000_000L || token.get() == null) {
                            token.set(maskinporten("partner-filmoteket", "partner.auth"));
                            tokenAt.set(System.nanoTime());
                        }
                    }
                    int status = gateway(token.get()).body("{\"cardNumber\": \"" + cards.get(i % cards.size()) + "\", \"pin\": \""
                            + PIN + "\"}").post("/api/v1/authentications/partner").statusCode();
                    if (status != 200) {
                        other.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        // non-200 are 503s with Retry-After when the hashing slots stay busy longer than auth.hashing.queue-wait
        out.append(String.format("%d partner verifications, %d client threads: %.0f/s, non-200: %d%n", count, threads,
                count / seconds, other.get()));
        out.append("RSS after the verifications (MiB): ").append(rssMib()).append('\n');
        System.out.println(out);
        Files.writeString(ProjectFiles.root().resolve("system-tests/target/memory-benchmark.txt"), out.toString());
    }
}
