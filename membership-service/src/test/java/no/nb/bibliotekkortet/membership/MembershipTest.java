package no.nb.bibliotekkortet.membership;

import static no.nb.bibliotekkortet.membership.support.Api.admin;
import static no.nb.bibliotekkortet.membership.support.Api.anonymous;
import static no.nb.bibliotekkortet.membership.support.Api.citizen;
import static no.nb.bibliotekkortet.membership.support.Api.client;
import static no.nb.bibliotekkortet.membership.support.Api.oslo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import no.nb.bibliotekkortet.common.outbox.OutboxRelay;
import no.nb.bibliotekkortet.membership.support.Api;
import no.nb.bibliotekkortet.membership.support.PatronStub;
import no.nb.bibliotekkortet.membership.support.PatronStub.Patron;
import no.nb.bibliotekkortet.membership.support.Sent;
import no.nb.bibliotekkortet.membership.support.TestClock;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RecordingServer;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Memberships through HTTP with real tokens and a real HTTP stub of patron-service's resolve contract:
 * added by a library (R19 notification), added and activated by the patron (R10), "my libraries" and the
 * home library (R8), loan-rules changes, and the outbox messages to patron-service and notification-service.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = "patron-service,notification-service"))
class MembershipTest {

    @Inject
    OutboxRelay relay;

    @Inject
    TestClock clock;

    RecordingServer patronService;
    RecordingServer notifications;

    @BeforeEach
    void stubs() {
        patronService = PatronStub.install();
        notifications = EdgeStubResource.server("notification-service");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** Staff at a test library: NB's client may act for every library, here with scope memberships. */
    private static RequestSpecification staff() {
        return client(Api.ADMIN_CLIENT, "memberships");
    }

    private static String card(Patron p) {
        return "{\"cardNumber\": \"" + p.cardNumber() + "\"}";
    }

    private void deliver() {
        relay.drain(java.time.Duration.ofSeconds(10));
    }

    private List<JsonNode> sent(RecordingServer server, String path, String patronId) {
        return Sent.about(server, path, patronId);
    }

    @Test
    void libraryAddsPresentPatronActiveInPersonAndPatronIsNotified() {
        Patron p = PatronStub.newPatron();
        oslo().body(card(p)).post("/api/v1/libraries/2030000/memberships").then().statusCode(201)
                .body("state", equalTo("ACTIVE")).body("acceptance", equalTo("IN_PERSON"))
                .body("rulesVersion", equalTo(1)).body("home", equalTo(true)).body("patronId", equalTo(p.patronId()));
        oslo().body(card(p)).post("/api/v1/libraries/2030000/memberships").then().statusCode(200).body("state", equalTo("ACTIVE"));
        deliver();
        List<JsonNode> notes = sent(notifications, "/internal/v1/notifications", p.patronId());
        assertEquals(1, notes.size(), "one notification, not one per repeated add");
        assertEquals("library-full-access", notes.get(0).get("template").asText());
        assertEquals("PREFERRED", notes.get(0).get("channel").asText());
        assertEquals(p.patronId(), notes.get(0).at("/recipient/patronId").asText());
        assertEquals("Deichmanske bibliotek", notes.get(0).at("/params/library").asText());
        assertTrue(notes.get(0).hasNonNull("idempotencyKey"));
        List<JsonNode> changes = sent(patronService, "/internal/v1/membership-changes", p.patronId());
        assertEquals(1, changes.size());
        JsonNode c = changes.get(0).get(0);
        assertEquals("ACTIVE", c.get("state").asText());
        assertTrue(c.get("home").asBoolean());
        assertTrue(c.get("version").asLong() > 0);
        assertFalse(patronService.requests("/internal/v1/patrons/resolve").isEmpty());
        assertTrue(patronService.requests("/internal/v1/patrons/resolve").stream().allMatch(r -> r.header("Authorization").startsWith("Bearer ")));
    }

    @Test
    void patronServiceFailingAnswers503WithRetryAfterAfterOneRetryAndNothingIsStored() {
        Patron p = PatronStub.newPatron();
        patronService.clear();
        patronService.answer("/internal/v1/patrons/resolve", 500, "{\"status\":500}");
        try {
            oslo().body(card(p)).post("/api/v1/libraries/2030000/memberships").then().statusCode(503)
                    .header("Retry-After", "5")
                    .body("type", equalTo("https://bibliotekkortet.no/problems/downstream-unavailable"))
                    .body("detail", org.hamcrest.Matchers.not(containsString(p.cardNumber())));
            assertEquals(2, patronService.requests("/internal/v1/patrons/resolve").size(), "one retry, then 503");
        } finally {
            PatronStub.install();
        }
        // nothing was stored: with patron-service back, the membership is created now (201, not 200)
        oslo().body(card(p)).post("/api/v1/libraries/2030000/memberships").then().statusCode(201);
    }

    @Test
    void libraryAddErrors() {
        Patron p = PatronStub.newPatron();
        anonymous().body(card(p)).post("/api/v1/libraries/2030000/memberships").then().statusCode(401);
        client(Api.OSLO_CLIENT, "patrons.read").body(card(p)).post("/api/v1/libraries/2030000/memberships").then().statusCode(403);
        oslo().body(card(p)).post("/api/v1/libraries/2120100/memberships").then().statusCode(403)
                .body("type", equalTo("https://bibliotekkortet.no/problems/library-not-allowed"))
                .body("field", equalTo("libraryNumber"));
        client("unregistered-system", "memberships").body(card(p)).post("/api/v1/libraries/2030000/memberships").then().statusCode(403);
        citizen(p).body(card(p)).post("/api/v1/libraries/2030000/memberships").then().statusCode(403);
        oslo().body(card(p)).post("/api/v1/libraries/203/memberships").then().statusCode(400).body("field", equalTo("libraryNumber"));
        staff().body(card(p)).post("/api/v1/libraries/9999996/memberships").then().statusCode(404);
        oslo().body("{\"cardNumber\": \"N0001\"}").post("/api/v1/libraries/2030000/memberships").then().statusCode(400).body("field", equalTo("cardNumber"));
        oslo().body("{\"cardNumber\": \"N999999998\"}").post("/api/v1/libraries/2030000/memberships").then().statusCode(404)
                .body("type", equalTo("https://bibliotekkortet.no/problems/patron-not-found"));
        oslo().body("{\"cardNumber\": \"" + p.cardNumber() + "\", \"fines\": 100}").post("/api/v1/libraries/2030000/memberships")
                .then().statusCode(400).body("field", equalTo("fines"));
        // A Library-Number header naming another library than the path is refused, never silently overruled.
        oslo().header("Library-Number", "2120100").body(card(p)).post("/api/v1/libraries/2030000/memberships").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("Library-Number"))
                .body("rule", equalTo("the library in the path"));
        oslo().header("Library-Number", "2030000").body(card(p)).post("/api/v1/libraries/2030000/memberships").then()
                .statusCode(201);
    }

    @Test
    void patronAddsLibraryPendingShownInMyLibraries() {
        Patron p = PatronStub.newPatron();
        String lib = Api.newLibrary("IN_PERSON", null);
        citizen(p).body("{\"libraryNumber\": \"" + lib + "\"}").post("/api/v1/me/memberships").then().statusCode(201)
                .body("state", equalTo("PENDING_ACTIVATION")).body("home", equalTo(true));
        citizen(p).body("{\"libraryNumber\": \"" + lib + "\"}").post("/api/v1/me/memberships").then().statusCode(200)
                .body("state", equalTo("PENDING_ACTIVATION"));
        citizen(p).get("/api/v1/me/memberships").then().statusCode(200).body("$", hasSize(1))
                .body("[0].libraryNumber", equalTo(lib)).body("[0].libraryName", equalTo("Testbibliotek " + lib))
                .body("[0].state", equalTo("PENDING_ACTIVATION")).body("[0].home", equalTo(true));
        // the identity number went to patron-service in a POST body only
        assertTrue(patronService.requests("/internal/v1/patrons/resolve").stream().anyMatch(r -> r.body().contains(p.identityNumber())));
    }

    @Test
    void patronAddErrors() {
        Patron p = PatronStub.newPatron();
        Patron other = PatronStub.newPatron();
        citizen(p).body("{\"libraryNumber\": \"9999995\"}").post("/api/v1/me/memberships").then().statusCode(404);
        citizen(p).body("{\"libraryNumber\": \"99\"}").post("/api/v1/me/memberships").then().statusCode(400).body("field", equalTo("libraryNumber"));
        citizen(p).body("{\"libraryNumber\": \"2030000\", \"loans\": []}").post("/api/v1/me/memberships").then().statusCode(400).body("field", equalTo("loans"));
        citizen(p).body("{\"libraryNumber\": \"2030000\", \"patronId\": \"" + other.patronId() + "\"}").post("/api/v1/me/memberships")
                .then().statusCode(403).body("type", equalTo("https://bibliotekkortet.no/problems/other-patron"));
        anonymous().get("/api/v1/me/memberships").then().statusCode(401);
        oslo().get("/api/v1/me/memberships").then().statusCode(403);
        Api.anonymous().auth().oauth2(Tokens.idporten("01010199999", "idporten-loa-high")).get("/api/v1/me/memberships")
                .then().statusCode(404).body("type", equalTo("https://bibliotekkortet.no/problems/patron-not-registered"))
                .body(org.hamcrest.Matchers.not(containsString("01010199999")));
    }

    @Test
    void conflictingStateIs409() {
        Patron p = PatronStub.newPatron();
        String lib = Api.newLibrary("IN_PERSON", null);
        staff().body(card(p)).post("/api/v1/libraries/" + lib + "/memberships").then().statusCode(201);
        citizen(p).body("{\"libraryNumber\": \"" + lib + "\"}").post("/api/v1/me/memberships").then().statusCode(409)
                .body("type", equalTo("https://bibliotekkortet.no/problems/membership-state-conflict"));
        Patron q = PatronStub.newPatron();
        citizen(q).body("{\"libraryNumber\": \"" + lib + "\"}").post("/api/v1/me/memberships").then().statusCode(201);
        staff().body(card(q)).post("/api/v1/libraries/" + lib + "/memberships").then().statusCode(409);
    }

    @Test
    void digitalActivationNeedsCurrentRulesAndNotifies() {
        Patron p = PatronStub.newPatron();
        String lib = Api.newLibrary("DIGITAL", null);
        citizen(p).body("{\"libraryNumber\": \"" + lib + "\"}").post("/api/v1/me/memberships").then().statusCode(201);
        admin().body("{\"link\": \"https://bibliotek.example.no/regler-v2\"}").post("/api/v1/libraries/" + lib + "/loan-rules").then().statusCode(201);
        citizen(p).body("{\"rulesVersion\": 1}").post("/api/v1/me/memberships/" + lib + "/activation").then().statusCode(409)
                .body("type", equalTo("https://bibliotekkortet.no/problems/stale-loan-rules"))
                .body("field", equalTo("rulesVersion")).body("detail", containsString("2"));
        citizen(p).body("{\"rulesVersion\": \"2\"}").post("/api/v1/me/memberships/" + lib + "/activation").then().statusCode(400);
        citizen(p).body("{\"rulesVersion\": 2}").post("/api/v1/me/memberships/" + lib + "/activation").then().statusCode(200)
                .body("state", equalTo("ACTIVE")).body("acceptance", equalTo("DIGITAL")).body("rulesVersion", equalTo(2));
        citizen(p).body("{\"rulesVersion\": 2}").post("/api/v1/me/memberships/" + lib + "/activation").then().statusCode(200);
        deliver();
        assertEquals(1, sent(notifications, "/internal/v1/notifications", p.patronId()).size());
    }

    /**
     * Issue 16: staff list their own library's members, filtered by state, in pages joined by an opaque cursor; another
     * library's list, a missing token and a wrong scope are refused.
     */
    @Test
    void staffListTheirLibrarysMembersByStateInPages() {
        String lib = Api.newLibrary("IN_PERSON", null);
        List<Patron> active = List.of(PatronStub.newPatron(), PatronStub.newPatron(), PatronStub.newPatron());
        for (Patron p : active) {
            staff().body(card(p)).post("/api/v1/libraries/" + lib + "/memberships").then().statusCode(201);
        }
        Patron pending = PatronStub.newPatron();
        citizen(pending).body("{\"libraryNumber\": \"" + lib + "\"}").post("/api/v1/me/memberships").then().statusCode(201);
        String path = "/api/v1/libraries/" + lib + "/memberships";
        staff().get(path).then().statusCode(200).body("memberships", hasSize(4)).body("next", org.hamcrest.Matchers.nullValue())
                .body("memberships.patronId", org.hamcrest.Matchers.contains(active.get(0).patronId(), active.get(1).patronId(),
                        active.get(2).patronId(), pending.patronId()));
        staff().get(path + "?state=PENDING_ACTIVATION").then().statusCode(200)
                .body("memberships.patronId", org.hamcrest.Matchers.contains(pending.patronId()))
                .body("memberships[0].state", equalTo("PENDING_ACTIVATION")).body("memberships[0].libraryNumber", equalTo(lib));
        String next = staff().get(path + "?state=ACTIVE&limit=2").then().statusCode(200).body("memberships", hasSize(2))
                .body("memberships.state", org.hamcrest.Matchers.everyItem(equalTo("ACTIVE"))).extract().path("next");
        staff().get(path + "?state=ACTIVE&limit=2&after=" + next).then().statusCode(200)
                .body("memberships.patronId", org.hamcrest.Matchers.contains(active.get(2).patronId()))
                .body("next", org.hamcrest.Matchers.nullValue());
        staff().get(path + "?state=ENDED").then().statusCode(400).body("field", equalTo("state"));
        staff().get(path + "?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        staff().get(path + "?limit=lots").then().statusCode(400).body("field", equalTo("limit"));
        staff().get(path + "?after=not-a-cursor").then().statusCode(400).body("field", equalTo("after"));
        staff().get("/api/v1/libraries/9999993/memberships").then().statusCode(404);
        oslo().get("/api/v1/libraries/2030000/memberships").then().statusCode(200);
        oslo().get(path).then().statusCode(403).body("type", equalTo("https://bibliotekkortet.no/problems/library-not-allowed"));
        client(Api.OSLO_CLIENT, "patrons.read").get("/api/v1/libraries/2030000/memberships").then().statusCode(403);
        citizen(pending).get(path).then().statusCode(403);
        anonymous().get(path).then().statusCode(401);
    }

    @Test
    void inPersonLibraryRefusesDigitalActivationStaffActivate() {
        Patron p = PatronStub.newPatron();
        String lib = Api.newLibrary("IN_PERSON", null);
        citizen(p).body("{\"libraryNumber\": \"" + lib + "\"}").post("/api/v1/me/memberships").then().statusCode(201);
        citizen(p).body("{\"rulesVersion\": 1}").post("/api/v1/me/memberships/" + lib + "/activation").then().statusCode(409)
                .body("type", equalTo("https://bibliotekkortet.no/problems/activation-in-person"))
                .body("detail", containsString("in person"));
        staff().body(card(p)).post("/api/v1/libraries/" + lib + "/memberships/activation").then().statusCode(200)
                .body("state", equalTo("ACTIVE")).body("acceptance", equalTo("IN_PERSON"));
        Patron stranger = PatronStub.newPatron();
        staff().body(card(stranger)).post("/api/v1/libraries/" + lib + "/memberships/activation").then().statusCode(404);
        citizen(p).body("{\"rulesVersion\": 1}").post("/api/v1/me/memberships/9999994/activation").then().statusCode(404);
        citizen(stranger).body("{\"rulesVersion\": 1}").post("/api/v1/me/memberships/" + lib + "/activation").then().statusCode(404);
    }

    @Test
    void loanRulesChangeKeepsExistingMembershipsActive() {
        Patron p = PatronStub.newPatron();
        String lib = Api.newLibrary("IN_PERSON", null);
        staff().body(card(p)).post("/api/v1/libraries/" + lib + "/memberships").then().statusCode(201).body("rulesVersion", equalTo(1));
        admin().body("{\"text\": \"Nye regler\"}").post("/api/v1/libraries/" + lib + "/loan-rules").then().statusCode(201);
        citizen(p).get("/api/v1/me/memberships").then().body("[0].state", equalTo("ACTIVE")).body("[0].rulesVersion", equalTo(1));
        Patron q = PatronStub.newPatron();
        staff().body(card(q)).post("/api/v1/libraries/" + lib + "/memberships").then().statusCode(201).body("rulesVersion", equalTo(2));
    }

    @Test
    void futureLoanRulesLeaveTheVersionInForceForActivationsUntilTheirDate() {
        String lib = Api.newLibrary("DIGITAL", null);
        Patron p = PatronStub.newPatron();
        Patron q = PatronStub.newPatron();
        for (Patron x : List.of(p, q)) {
            citizen(x).body("{\"libraryNumber\": \"" + lib + "\"}").post("/api/v1/me/memberships").then().statusCode(201);
        }
        admin().body("{\"text\": \"Regler v2\"}").post("/api/v1/libraries/" + lib + "/loan-rules").then().statusCode(201)
                .body("loanRules.version", equalTo(2));
        admin().body("{\"text\": \"Regler v3\", \"validFrom\": \"2030-01-01\"}").post("/api/v1/libraries/" + lib + "/loan-rules")
                .then().statusCode(201).body("loanRules.version", equalTo(2)).body("upcomingLoanRules[0].version", equalTo(3));
        // Before the fix: 409 stale-loan-rules "current loan rules version is 3".
        citizen(p).body("{\"rulesVersion\": 2}").post("/api/v1/me/memberships/" + lib + "/activation").then().statusCode(200)
                .body("state", equalTo("ACTIVE")).body("rulesVersion", equalTo(2));
        citizen(q).body("{\"rulesVersion\": 3}").post("/api/v1/me/memberships/" + lib + "/activation").then().statusCode(409)
                .body("type", equalTo("https://bibliotekkortet.no/problems/stale-loan-rules")).body("detail", containsString("version is 2"));
        Patron present = PatronStub.newPatron();
        staff().body(card(present)).post("/api/v1/libraries/" + lib + "/memberships").then().statusCode(201).body("rulesVersion", equalTo(2));

        // 1 January 2030 in Oslo (UTC+1): version 3 is in force without any action.
        clock.set(java.time.Instant.parse("2029-12-31T23:00:00Z"));
        citizen(q).body("{\"rulesVersion\": 2}").post("/api/v1/me/memberships/" + lib + "/activation").then().statusCode(409)
                .body("detail", containsString("version is 3"));
        citizen(q).body("{\"rulesVersion\": 3}").post("/api/v1/me/memberships/" + lib + "/activation").then().statusCode(200)
                .body("rulesVersion", equalTo(3));
        Patron later = PatronStub.newPatron();
        staff().body(card(later)).post("/api/v1/libraries/" + lib + "/memberships").then().statusCode(201).body("rulesVersion", equalTo(3));
        citizen(p).get("/api/v1/me/memberships").then().body("[0].state", equalTo("ACTIVE")).body("[0].rulesVersion", equalTo(2));
    }

    @Test
    void homeLibraryMovesOnlyToActiveMemberships() {
        Patron p = PatronStub.newPatron();
        String home = Api.newLibrary("IN_PERSON", null);
        String second = Api.newLibrary("DIGITAL", null);
        String pending = Api.newLibrary("IN_PERSON", null);
        staff().body(card(p)).post("/api/v1/libraries/" + home + "/memberships").then().statusCode(201).body("home", equalTo(true));
        staff().body(card(p)).post("/api/v1/libraries/" + second + "/memberships").then().statusCode(201).body("home", equalTo(false));
        citizen(p).body("{\"libraryNumber\": \"" + pending + "\"}").post("/api/v1/me/memberships").then().statusCode(201).body("home", equalTo(false));
        citizen(p).body("{\"libraryNumber\": \"" + pending + "\"}").put("/api/v1/me/home-library").then().statusCode(409)
                .body("type", equalTo("https://bibliotekkortet.no/problems/home-library-not-active"));
        citizen(p).body("{\"libraryNumber\": \"9999993\"}").put("/api/v1/me/home-library").then().statusCode(404);
        citizen(p).body("{\"libraryNumber\": \"2030000\"}").put("/api/v1/me/home-library").then().statusCode(404);
        citizen(p).body("{\"libraryNumber\": \"x\"}").put("/api/v1/me/home-library").then().statusCode(400);
        citizen(p).body("{\"libraryNumber\": \"" + second + "\"}").put("/api/v1/me/home-library").then().statusCode(200)
                .body("findAll { it.home }.libraryNumber", org.hamcrest.Matchers.contains(second));
        // staff at a member library move it back; a library the patron does not belong to may not
        staff().body("{\"cardNumber\": \"" + p.cardNumber() + "\", \"libraryNumber\": \"" + home + "\"}")
                .put("/api/v1/libraries/" + home + "/home-library").then().statusCode(200)
                .body("findAll { it.home }.libraryNumber", org.hamcrest.Matchers.contains(home));
        oslo().body("{\"cardNumber\": \"" + p.cardNumber() + "\", \"libraryNumber\": \"" + second + "\"}")
                .put("/api/v1/libraries/2030000/home-library").then().statusCode(403)
                .body("type", equalTo("https://bibliotekkortet.no/problems/not-a-member-library"));
        citizen(p).get("/api/v1/me/memberships").then().body("findAll { it.home }", hasSize(1));
    }

    @Test
    void racingAddsCreateOneMembershipAndNever500() throws Exception {
        Patron p = PatronStub.newPatron();
        String lib = Api.newLibrary("IN_PERSON", null);
        String token = Tokens.maskinporten(Api.ADMIN_CLIENT, "memberships");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> io.restassured.RestAssured.given().auth().oauth2(token)
                        .contentType(io.restassured.http.ContentType.JSON).body(card(p))
                        .post("/api/v1/libraries/" + lib + "/memberships").statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : results) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 200 || s == 409), statuses.toString());
        } finally {
            pool.shutdown();
        }
        citizen(p).get("/api/v1/me/memberships").then().body("$", hasSize(1)).body("[0].home", equalTo(true));
    }
}
