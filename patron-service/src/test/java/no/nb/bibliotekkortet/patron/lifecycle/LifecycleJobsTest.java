package no.nb.bibliotekkortet.patron.lifecycle;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.patron.lifecycle.LifecycleFixture.erased;
import static no.nb.bibliotekkortet.patron.lifecycle.LifecycleFixture.notices;
import static no.nb.bibliotekkortet.patron.lifecycle.LifecycleFixture.retired;
import static no.nb.bibliotekkortet.patron.support.Citizens.citizen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import no.nb.bibliotekkortet.patron.support.Citizens;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.TestClock;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daily jobs with a controllable clock (R21, R22): the worked example day by day, a late warning,
 * cancellation by a login, a crash half-way and the restart (no double warnings or deletions), a patron deleted by
 * other means meanwhile, erasures in batches (one call per service per batch of 10 in tests), and the
 * 15th-birthday job (29 February child). Batch size is 10 in the test profile.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class LifecycleJobsTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Inject
    LifecycleFixture fx;

    @Inject
    InactivityJob inactivity;

    @Inject
    GuardianAccessJob guardians;

    @Inject
    TestClock clock;

    @Inject
    EntityManager em;

    @BeforeEach
    void reset() {
        clock.reset();
        fx.reset();
    }

    @AfterEach
    void realTime() {
        clock.reset();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("drop trigger if exists crash on inactivity_warning").executeUpdate());
    }

    /** The clock at noon Oslo time on {@code date}. */
    private void on(String date) {
        clock.set(LocalDate.parse(date).atTime(12, 0).atZone(OSLO).toInstant());
    }

    /** A staff-registered patron last active on {@code date} (Oslo); returns {patronId, cardNumber}. */
    private String[] lastActiveOn(String date) {
        String card = PatronApi.registered(TestIdentities.synthetic());
        String id = LifecycleFixture.resolve(card);
        fx.lastActive(UUID.fromString(id), LocalDate.parse(date).atTime(9, 0).atZone(OSLO).toInstant());
        return new String[] {id, card};
    }

    private InactivityJob.Result runOn(String date) {
        on(date);
        InactivityJob.Result r = inactivity.run();
        fx.drain();
        return r;
    }

    private List<String> warningDates() {
        return notices("inactivity-warning").stream().map(n -> n.path("params").path("deletionDate").asText()).toList();
    }

    @Test
    void theWorkedExampleDayByDay() {
        String[] p = lastActiveOn("2022-03-01");
        fx.drain();
        EdgeStubResource.server("notification-service").clear();

        assertEquals(0, runOn("2025-01-29").warned());
        assertEquals(1, runOn("2025-01-30").warned());
        assertEquals(List.of("2025-03-01"), warningDates());
        JsonNode warning = notices("inactivity-warning").get(0);
        assertEquals(p[0], warning.path("recipient").path("patronId").asText());
        assertEquals(0, runOn("2025-01-31").warned(), "warned once");
        assertEquals(0, runOn("2025-02-28").deleted());
        assertEquals(p[0], LifecycleFixture.resolve(p[1]));

        InactivityJob.Result deletion = runOn("2025-03-01");
        assertEquals(1, deletion.deleted());
        assertNull(LifecycleFixture.resolve(p[1]));
        PatronApi.as(PatronApi.OSLO, "patrons.read").get("/api/v1/patrons/" + p[1]).then().statusCode(404);
        List<JsonNode> deleted = notices("deleted-inactive");
        assertEquals(1, deleted.size());
        assertEquals("kari@example.no", deleted.get(0).path("recipient").path("email").asText().toLowerCase());
        assertEquals(List.of(p[0]), erased("membership-service"));
        assertEquals(List.of(p[0]), erased("auth-service"));
        assertEquals(List.of(p[0]), erased("notification-service"));
        assertEquals(List.of(p[1]), retired());
        assertEquals(0, runOn("2025-03-02").deleted(), "deleted once");
        assertEquals(1, warningDates().size());
        assertEquals(1, fx.count("select count(*) from erasure_log where cause = 'INACTIVITY'"));
    }

    @Test
    void aWarningThatCouldOnlyBeSentLaterMovesTheDeletionDate() {
        String[] p = lastActiveOn("2022-03-01");
        fx.drain();
        EdgeStubResource.server("notification-service").clear();
        assertEquals(1, runOn("2025-02-15").warned());
        assertEquals(List.of("2025-03-17"), warningDates());
        assertEquals(0, runOn("2025-03-01").deleted());
        assertEquals(0, runOn("2025-03-16").deleted());
        assertEquals(p[0], LifecycleFixture.resolve(p[1]));
        assertEquals(1, runOn("2025-03-17").deleted());
        assertNull(LifecycleFixture.resolve(p[1]));
    }

    @Test
    void aLoginAfterTheWarningCancelsTheDeletionAndRestartsTheCycle() {
        String[] p = lastActiveOn("2022-03-01");
        fx.drain();
        EdgeStubResource.server("notification-service").clear();
        assertEquals(1, runOn("2025-01-30").warned());
        on("2025-02-10");
        given().auth().oauth2(PatronApi.internalToken("auth-service")).contentType(ContentType.JSON)
                .body(List.of(Map.of("patronId", p[0], "kind", "LOGIN", "at", Instant.now(clock).toString())))
                .post("/internal/v1/activity").then().statusCode(204);
        InactivityJob.Result r = runOn("2025-03-01");
        assertEquals(1, r.cancelled());
        assertEquals(0, r.deleted());
        assertEquals(p[0], LifecycleFixture.resolve(p[1]));
        assertEquals(0, runOn("2025-03-02").warned(), "a new cycle from 2025-02-10");
        assertEquals(0, runOn("2028-01-10").warned());
        assertEquals(1, runOn("2028-01-11").warned());
        assertEquals("2028-02-10", warningDates().get(warningDates().size() - 1));
    }

    @Test
    void aCrashHalfWayResumesWithoutDoubleWarningsOrDeletionsAndAPatronDeletedMeanwhileDoesNotStopIt() {
        List<String[]> patrons = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            patrons.add(lastActiveOn("2022-03-01"));
        }
        fx.drain();
        EdgeStubResource.server("notification-service").clear();
        List<String> ids = patrons.stream().map(x -> x[0]).sorted().toList();
        // The 15th patron in id order makes its batch (the second one) fail: a crash after one committed batch.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                create or replace function crash_on() returns trigger language plpgsql as $$
                begin if new.patron_id = '%s' then raise exception 'crash'; end if; return new; end $$;
                create trigger crash before insert on inactivity_warning for each row execute function crash_on();
                """.formatted(ids.get(14))).executeUpdate());
        on("2025-01-30");
        assertThrows(RuntimeException.class, () -> inactivity.run());
        assertEquals(10, fx.count("select count(*) from inactivity_warning"), "the first batch was committed");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("drop trigger crash on inactivity_warning").executeUpdate());

        assertEquals(15, runOn("2025-01-30").warned(), "the restart warns only the rest");
        Map<String, Long> perPatron = notices("inactivity-warning").stream()
                .collect(Collectors.groupingBy(n -> n.path("recipient").path("patronId").asText(), Collectors.counting()));
        assertEquals(25, perPatron.size());
        assertTrue(perPatron.values().stream().allMatch(n -> n == 1), "no double warnings: " + perPatron);

        // One of them unregisters meanwhile (by an admin); the deletion run goes on.
        given().auth().oauth2(LifecycleFixture.admin()).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", patrons.get(3)[1], "reason", "asked by phone"))
                .post("/api/v1/admin/unregistrations").then().statusCode(200);
        fx.drain();
        EdgeStubResource.server("membership-service").clear();
        EdgeStubResource.server("numberseries-service").clear();
        EdgeStubResource.server("notification-service").clear();

        InactivityJob.Result r = runOn("2025-03-01");
        assertEquals(24, r.deleted());
        assertEquals(0, runOn("2025-03-02").deleted());
        assertEquals(24, erased("membership-service").size());
        assertEquals(3, EdgeStubResource.server("membership-service").requests("/internal/v1/erasures").size(),
                "one erasure call per batch of 10, not one per patron");
        assertEquals(24, retired().size());
        assertEquals(24, notices("deleted-inactive").size());
        assertEquals(0, fx.count("select count(*) from patron"));
    }

    @Test
    void onTheChildsFifteenthBirthdayTheGuardianAccessEnds() {
        String guardian = TestIdentities.bornOn(LocalDate.of(1980, 4, 1));
        String childNumber = TestIdentities.bornOn(LocalDate.of(2012, 2, 29));
        on("2027-02-20");
        String card = citizen(guardian).body(Citizens.child(childNumber, PatronApi.OSLO)).post("/api/v1/me/children")
                .then().statusCode(201).extract().header("Location").replaceAll(".*/", "");
        fx.drain();
        EdgeStubResource.server("notification-service").clear();

        on("2027-02-28");
        assertEquals(0, guardians.run());
        citizen(guardian).get("/api/v1/me/children/" + card).then().statusCode(200);
        on("2027-03-01");
        assertEquals(1, guardians.run());
        assertEquals(0, guardians.run(), "idempotent");
        fx.drain();
        List<JsonNode> ended = notices("guardian-access-ended");
        assertEquals(1, ended.size());
        assertEquals("guardian@example.no", ended.get(0).path("recipient").path("email").asText());
        assertEquals("Ánde Nordmann", ended.get(0).path("params").path("childName").asText());
        assertEquals(0, fx.count("select count(*) from guardianship"));
        // Issue 16: the ended guardianship is a change record (field guardians) for the child's libraries.
        assertEquals(1, fx.count("select count(*) from change_record where kind = 'UPDATED' and changed_by = 'SYSTEM'"
                + " and fields = array['guardians']::varchar(40)[]"));
        citizen(guardian).get("/api/v1/me/children/" + card).then().statusCode(403);
    }
}
