package no.nb.bibliotekkortet.patron.benchmark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import no.nb.bibliotekkortet.patron.service.IdentityVault;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.ProjectFiles;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (never part of the normal test run): loads {@code -Dbenchmark.patrons} (default 1 000 000) synthetic
 * patrons with COPY into database {@code patron_bench}, then an open-loop client offers a fixed rate
 * ({@code -Dbenchmark.rate}, requests/s, default 400) for {@code -Dbenchmark.seconds} (default 20) of card-number
 * lookups and then identity-number searches. Both kinds first run unmeasured for {@code -Dbenchmark.warmup}
 * seconds (default 15) at the same rate, so that JIT compilation and pool growth are not in the figures. Latency is measured from each request's intended start time
 * (no coordinated omission) into an HdrHistogram. Command in docs/patron-service.md.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "patron_bench"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class PatronLookupBenchmark {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IdentityVault vault;

    @TestHTTPResource("/")
    URI base;

    @Test
    void lookupsOverManyPatrons() throws Exception {
        int patrons = Integer.getInteger("benchmark.patrons", 1_000_000);
        int rate = Integer.getInteger("benchmark.rate", 400);
        int seconds = Integer.getInteger("benchmark.seconds", 20);
        List<PatronDataGenerator.Generated> sample;
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            c.createStatement().execute("truncate card, patron, patron_library, change_record cascade");
            java.nio.file.Path libraries = java.nio.file.Path.of(System.getProperty("benchmark.libraries",
                    ProjectFiles.root().resolve("membership-service/src/main/resources/libraries.csv").toString()));
            sample = new PatronDataGenerator(vault, libraries).load(c, patrons);
            c.createStatement().execute("analyze patron; analyze card; analyze patron_library");
        }
        System.out.printf("BENCHMARK load: %d patrons in %.1f s (COPY)%n", patrons, (System.nanoTime() - t0) / 1e9);

        String token = PatronApi.token(PatronApi.OSLO_CLIENT, "patrons.read");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        Function<Integer, HttpRequest> cardLookup = i -> HttpRequest.newBuilder(base.resolve("/api/v1/patrons/"
                        + sample.get(i % sample.size()).cardNumber()))
                .header("Authorization", "Bearer " + token).header("Library-Number", PatronApi.OSLO).GET().build();
        Function<Integer, HttpRequest> identitySearch = i -> HttpRequest.newBuilder(base.resolve("/api/v1/patrons/search"))
                .header("Authorization", "Bearer " + token).header("Library-Number", PatronApi.OSLO)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"identityNumber\":\""
                        + sample.get(next.getAndIncrement() % sample.size()).identityNumber() + "\"}")).build();
        int warmup = Integer.getInteger("benchmark.warmup", 15);
        if (warmup > 0) {
            int half = Math.max(1, warmup / 2);
            // The warm-up uses the other end of the sample, so that the measured requests do not find warm pages.
            run(client, rate, half, i -> cardLookup.apply(Math.floorMod(sample.size() - 1 - i, sample.size())));
            run(client, rate, half, identitySearch);
            System.out.printf("BENCHMARK warm-up done (%d s)%n", 2 * half);
        }
        Histogram cards = run(client, rate, seconds, cardLookup);
        report("card-number lookup (GET)", cards, rate, seconds);
        Histogram searches = run(client, rate, seconds, identitySearch);
        report("identity-number search (POST)", searches, rate, seconds);
        assertTrue(cards.getTotalCount() > 0 && searches.getTotalCount() > 0);
    }

    /** Open loop: request i is due at start + i/rate, sent then whatever earlier responses do. */
    private static Histogram run(HttpClient client, int rate, int seconds, Function<Integer, HttpRequest> request)
            throws Exception {
        Histogram histogram = new SynchronizedHistogram(60_000_000_000L, 3);
        ConcurrentLinkedQueue<CompletableFuture<?>> pending = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        long total = (long) rate * seconds;
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            pending.add(client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                histogram.recordValue(Math.max(0, System.nanoTime() - due));
                if (e != null || r.statusCode() != 200) {
                    errors.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCHMARK achieved %.0f req/s, errors %d%n", total / elapsed, errors.get());
        return histogram;
    }

    private static void report(String name, Histogram h, int rate, int seconds) {
        System.out.printf("BENCHMARK %s: offered %d req/s for %d s, n=%d, p50=%.2f ms, p99=%.2f ms, max=%.2f ms%n",
                name, rate, seconds, h.getTotalCount(), h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
    }
}
