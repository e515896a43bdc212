package no.nb.bibliotekkortet.patron.benchmark;

import static no.nb.bibliotekkortet.patron.support.PatronApi.BERGEN;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.patron.service.IdentityVault;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.ProjectFiles;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 benchmark (never in the normal test run), in database {@code patron_bench}:
 * <ol>
 * <li>loads {@code benchmark.patrons} (default 1 000 000) patrons with {@link PatronDataGenerator} (COPY);</li>
 * <li>writes {@code benchmark.feedRecords} (default 2 000 000) UPDATED change records over them, 50 000 per
 * transaction (like bulk imports: each batch shares one transaction id): every record names the patron's home
 * library, and every fourth also 2030000 (the large library), so 2030000's feed holds a quarter of all records;</li>
 * <li>walks 2030000's whole feed through HTTP with limit 1000 and {@code records=false}, then 100 pages with the
 * current records ({@code records=true}), then the whole feed of 2120100 (an ordinary library), printing pages/s and records/s;</li>
 * <li>posts {@code benchmark.activityBatches} (default 50) bulk-activity requests of 1000 events (10 % unknown
 * cards) over generated patrons and prints events/s.</li>
 * </ol>
 * Command in docs/patron-service.md; figures in the README.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "patron_bench"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class FeedAndBulkActivityBenchmark {

    private static final int RECORDS_PER_TRANSACTION = 50_000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IdentityVault vault;

    @TestHTTPResource("/")
    URI base;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void walkTheFeedAndReportActivity() throws Exception {
        PatronApi.resetStubs();
        int patrons = Integer.getInteger("benchmark.patrons", 1_000_000);
        int records = Integer.getInteger("benchmark.feedRecords", 2_000_000);
        int batches = Integer.getInteger("benchmark.activityBatches", 50);
        List<PatronDataGenerator.Generated> sample;
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("truncate card, patron, patron_library, change_record, change_record_library cascade");
            sample = new PatronDataGenerator(vault, ProjectFiles.root().resolve("membership-service/src/main/resources/libraries.csv"))
                    .load(c, patrons);
            System.out.printf("BENCHMARK load: %d patrons in %.1f s (COPY)%n", patrons, (System.nanoTime() - t0) / 1e9);
            // Patron n (1..patrons) and its home library, for generate_series to pick from.
            s.execute("drop table if exists bench_feed_patron");
            s.execute("create unlogged table bench_feed_patron as select row_number() over () as n, patron_id, library_number "
                    + "from patron_library where home");
            s.execute("alter table bench_feed_patron add primary key (n)");
            long t1 = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into change_record (patron_id, kind, library_numbers, fields, changed_by, changed_at)
                    select p.patron_id, 'UPDATED',
                           case when g % 4 = 0 and p.library_number <> '2030000'
                                then array[p.library_number, '2030000']::varchar(7)[]
                                else array[p.library_number]::varchar(7)[] end,
                           array['email']::varchar(40)[], p.library_number, now()
                    from generate_series(?, ?) g
                    join bench_feed_patron p on p.n = g % ? + 1""")) {
                for (int done = 0; done < records; done += RECORDS_PER_TRANSACTION) {
                    insert.setInt(1, done);
                    insert.setInt(2, Math.min(records, done + RECORDS_PER_TRANSACTION) - 1);
                    insert.setInt(3, patrons);
                    insert.executeUpdate();
                }
            }
            s.execute("drop table bench_feed_patron");
            s.execute("vacuum analyze change_record");
            s.execute("vacuum analyze change_record_library");
            System.out.printf("BENCHMARK feed load: %d records in %.1f s%n", records, (System.nanoTime() - t1) / 1e9);
        }

        long expected = count(OSLO);
        Walk big = walk(OSLO, false, Integer.MAX_VALUE);
        assertEquals(expected, big.records, "every record of 2030000 exactly once");
        big.print("feed walk for 2030000, records=false");
        walk(OSLO, true, 100).print("feed, first 100 pages for 2030000 with records=true");
        Walk bergen = walk(BERGEN, false, Integer.MAX_VALUE);
        assertEquals(count(BERGEN), bergen.records);
        bergen.print("feed walk for " + BERGEN + " (an ordinary library)");

        List<Map<String, Object>> events = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(60);
        for (int i = 0; i < 1000; i++) {
            events.add(Map.of("cardNumber", i % 10 == 9 ? PatronApi.freshCardNumber() : sample.get(i % sample.size()).cardNumber(),
                    "kind", "LOAN", "at", at.plusMillis(i).toString()));
        }
        long start = System.nanoTime();
        String writeToken = Tokens.maskinporten(PatronApi.OSLO_CLIENT, "patrons.write");
        for (int b = 0; b < batches; b++) {
            io.restassured.RestAssured.given().auth().oauth2(writeToken).header("Library-Number", OSLO)
                    .contentType("application/json").body(events).post("/api/v1/activity/batch").then().statusCode(200);
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCHMARK bulk activity: %d batches of 1000 events in %.1f s = %.0f events/s%n",
                batches, s, batches * 1000 / s);
        EdgeStubResource.server("numberseries-service").clear();
    }

    private long count(String library) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from change_record_library where library_number = '" + library + "'")) {
            r.next();
            return r.getLong(1);
        }
    }

    private record Walk(long pages, long records, double seconds) {
        void print(String what) {
            System.out.printf("BENCHMARK %s: %d pages, %d records in %.1f s = %.1f pages/s, %.0f records/s%n",
                    what, pages, records, seconds, pages / seconds, records / seconds);
        }
    }

    /**
     * Walks {@code library}'s feed as its library system in pages of 1000, at most {@code maxPages}, with the JDK's
     * HTTP client and one Jackson parse per page (RestAssured's path parsing would dominate the figures), and a
     * fresh token (the mock's Maskinporten tokens live 2 minutes).
     */
    private Walk walk(String library, boolean withRecords, int maxPages) throws Exception {
        String token = Tokens.maskinporten(BERGEN.equals(library) ? PatronApi.BERGEN_CLIENT : PatronApi.OSLO_CLIENT, "patrons.read");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String cursor = "";
        long pages = 0;
        long seen = 0;
        long start = System.nanoTime();
        while (pages < maxPages) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(base.resolve("/api/v1/changes?limit=1000&records="
                            + withRecords + "&after=" + cursor))
                    .header("Authorization", "Bearer " + token).header("Library-Number", library).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
            JsonNode page = JSON.readTree(r.body());
            pages++;
            seen += page.path("changes").size();
            cursor = page.path("next").asText();
            if (!page.path("more").asBoolean()) {
                break;
            }
        }
        return new Walk(pages, seen, (System.nanoTime() - start) / 1e9);
    }
}
