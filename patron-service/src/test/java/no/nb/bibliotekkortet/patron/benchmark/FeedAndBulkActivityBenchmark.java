package no.nb.bibliotekkortet.patron.benchmark;

import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static no.nb.bibliotekkortet.patron.support.PatronApi.as;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 benchmark (never in the normal test run): generates {@code benchmark.feedRecords} change records
 * (every second one for library 2030000, the rest for 2120100; inserted with {@code generate_series}, so
 * each batch shares one transaction id like a bulk import) into {@code patron_bench}, then walks 2030000's
 * whole feed through HTTP with limit 1000 ({@code records=false}) and prints pages/s and records/s; then
 * posts {@code benchmark.activityBatches} bulk-activity requests of 1000 events over registered patrons and
 * prints events/s.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "patron_bench"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class FeedAndBulkActivityBenchmark {

    @Inject
    EntityManager em;

    @Test
    void walkTheFeedAndReportActivity() {
        PatronApi.resetStubs();
        int records = Integer.getInteger("benchmark.feedRecords", 200_000);
        int batches = Integer.getInteger("benchmark.activityBatches", 50);
        long t0 = System.nanoTime();
        for (int done = 0; done < records; done += 50_000) {
            int n = Math.min(50_000, records - done);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    insert into change_record (patron_id, kind, library_numbers, changed_by, changed_at)
                    select gen_random_uuid(), 'UPDATED',
                           case when g % 2 = 0 then array['2030000']::varchar(7)[] else array['2120100']::varchar(7)[] end,
                           '2030000', now()
                    from generate_series(1, ?1) g""").setParameter(1, n).executeUpdate());
        }
        System.out.printf("BENCHMARK feed load: %d records in %.1f s%n", records, (System.nanoTime() - t0) / 1e9);

        String cursor = "";
        long pages = 0;
        long seen = 0;
        long start = System.nanoTime();
        while (true) {
            Response r = as(OSLO, "patrons.read").get("/api/v1/changes?records=false&limit=1000&after=" + cursor);
            List<?> changes = r.path("changes");
            pages++;
            seen += changes.size();
            cursor = r.path("next");
            if (!Boolean.TRUE.equals(r.path("more"))) {
                break;
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCHMARK feed walk for 2030000: %d pages, %d records in %.1f s = %.1f pages/s, %.0f records/s%n",
                pages, seen, s, pages / s, seen / s);

        List<String> cards = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cards.add(PatronApi.registered(TestIdentities.synthetic()));
        }
        List<Map<String, Object>> events = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(60);
        for (int i = 0; i < 1000; i++) {
            events.add(Map.of("cardNumber", i % 10 == 9 ? PatronApi.freshCardNumber() : cards.get(i % cards.size()),
                    "kind", "LOAN", "at", at.plusMillis(i).toString()));
        }
        start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            as(OSLO, "patrons.write").body(events).post("/api/v1/activity/batch").then().statusCode(200);
        }
        s = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCHMARK bulk activity: %d batches of 1000 events in %.1f s = %.0f events/s%n",
                batches, s, batches * 1000 / s);
        EdgeStubResource.server("numberseries-service").clear();
    }
}
