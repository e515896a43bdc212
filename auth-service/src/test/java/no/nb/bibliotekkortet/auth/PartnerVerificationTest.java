package no.nb.bibliotekkortet.auth;

import static no.nb.bibliotekkortet.auth.support.Fixtures.PASSWORD;
import static no.nb.bibliotekkortet.auth.support.Fixtures.PIN;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import no.nb.bibliotekkortet.auth.support.Fixtures.TestPatron;
import no.nb.bibliotekkortet.common.outbox.OutboxRelay;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RecordingServer;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.Test;

/** Partner verification (R18, R11, R21) through HTTP with real tokens. */
@QuarkusTest
class PartnerVerificationTest extends AuthTestBase {

    private static final Set<String> ALLOWED_KEYS = Set.of("valid", "reason", "level", "requiredLevel", "subject");

    @Inject
    OutboxRelay relay;

    @Inject
    AgroalDataSource db;

    @Test
    void tokenScopeAndRegistrationAreRequired() {
        TestPatron p = Fixtures.patron();
        Map<String, String> body = Map.of("cardNumber", p.cardNumber(), "pin", PIN);
        io.restassured.RestAssured.given().contentType("application/json").body(body)
                .post("/api/v1/authentications/partner").then().statusCode(401);
        io.restassured.RestAssured.given().auth().oauth2(Tokens.expired("partner-allbok", "partner.auth"))
                .contentType("application/json").body(body).post("/api/v1/authentications/partner").then().statusCode(401);
        Fixtures.as("partner-allbok", "door").body(body).post("/api/v1/authentications/partner").then().statusCode(403);
        Fixtures.as("library-system-2030000", "partner.auth").body(body).post("/api/v1/authentications/partner")
                .then().statusCode(403).body("type", equalTo("https://bibliotekkortet.no/problems/operation-not-allowed"));
        Fixtures.as("partner-allbok", "partner.auth").body(Map.of("cardNumber", "12345", "pin", PIN))
                .post("/api/v1/authentications/partner").then().statusCode(400).body("field", equalTo("cardNumber"));
        Fixtures.as("partner-allbok", "partner.auth").body(Map.of("cardNumber", p.cardNumber(), "pin", PIN, "extra", 1))
                .post("/api/v1/authentications/partner").then().statusCode(400);
        Fixtures.as("partner-allbok", "partner.auth").body(Map.of("cardNumber", p.cardNumber(), "pin", PIN,
                "password", PASSWORD)).post("/api/v1/authentications/partner").then().statusCode(400)
                .body("field", equalTo("password"));
    }

    @Test
    void validAnswerHasOnlyLevelAndPairwiseSubjectStablePerPartnerDifferentAcross() {
        TestPatron p = Fixtures.patron();
        Fixtures.memberships(p, Fixtures.OSLO, Fixtures.BERGEN);
        Map<String, Object> a1 = Fixtures.filmoteket(p.cardNumber(), PIN).statusCode(200)
                .body("valid", equalTo(true)).body("level", equalTo("nlsso-loa-low")).body("reason", nullValue())
                .extract().as(Map.class);
        Map<String, Object> a2 = Fixtures.filmoteket(p.cardNumber(), PIN).extract().as(Map.class);
        Map<String, Object> c = Fixtures.partnerVerify("partner-cineast", p.cardNumber(), "pin", PIN)
                .body("valid", equalTo(true)).extract().as(Map.class);
        assertEquals(a1.get("subject"), a2.get("subject"));
        assertNotEquals(a1.get("subject"), c.get("subject"));
        assertEquals(43, ((String) a1.get("subject")).length());
        for (Map<String, Object> answer : new Map[] {a1, c}) {
            assertTrue(ALLOWED_KEYS.containsAll(answer.keySet()), answer.keySet().toString());
            String text = answer.toString();
            assertFalse(text.contains(p.patronId()) || text.contains("1990") || text.contains(Fixtures.OSLO)
                    || text.contains(p.cardNumber()), text);
        }
    }

    @Test
    void payingLibraryPartnersNeedAnActiveMembershipThere() {
        TestPatron p = Fixtures.patron();
        Fixtures.filmoteket(p.cardNumber(), PIN).body("valid", equalTo(false)).body("reason", equalTo("NOT_ENTITLED"))
                .body("subject", nullValue());
        Fixtures.memberships(p, Fixtures.BERGEN);
        Fixtures.filmoteket(p.cardNumber(), PIN).body("reason", equalTo("NOT_ENTITLED"));
        Fixtures.partnerVerify("partner-cineast", p.cardNumber(), "pin", PIN).body("valid", equalTo(true));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(true));
        Fixtures.memberships(p, Fixtures.OSLO);
        Fixtures.filmoteket(p.cardNumber(), PIN).body("valid", equalTo(true));
    }

    @Test
    void chosenLevelSubstantialNeedsThePassword() throws Exception {
        TestPatron p = Fixtures.patron(java.time.LocalDate.of(1990, 1, 1), "IDENTITY_NUMBER", true);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update credential set security_level = 'nlsso-loa-substantial' where patron_id = '"
                    + p.patronId() + "'");
        }
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(false))
                .body("reason", equalTo("LEVEL_TOO_LOW")).body("requiredLevel", equalTo("nlsso-loa-substantial"))
                .body("subject", nullValue());
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "password", PASSWORD).body("valid", equalTo(true))
                .body("level", equalTo("nlsso-loa-substantial"));
    }

    @Test
    void successIsReportedAsActivityOfThePartnersKindInOneBatchThroughTheOutbox() throws Exception {
        // Other tests leave many queued activity messages; only this test's matter here.
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("delete from outbox");
            s.executeUpdate("delete from activity_pending");
        }
        TestPatron p = Fixtures.patron();
        Fixtures.memberships(p, Fixtures.OSLO);
        RecordingServer patrons = EdgeStubResource.server("patron-service");
        Fixtures.filmoteket(p.cardNumber(), PIN).body("valid", equalTo(true));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(true));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(true));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", "9999").body("valid", equalTo(false));
        // Nothing is sent per verification: the activity waits for the next batch.
        assertEquals(0, relay.pending());
        assertEquals(3, activityBatches.flush());
        assertEquals(1, relay.pending());
        long deadline = System.currentTimeMillis() + 30_000;
        while (relay.pending() > 0 && System.currentTimeMillis() < deadline) {
            relay.deliverDue();
        }
        var mine = patrons.requests("/internal/v1/activity").stream().filter(r -> r.body().contains(p.cardNumber())).toList();
        assertEquals(1, mine.size(), "one request for the batch");
        String body = mine.get(0).body().replace(" ", "");
        assertTrue(body.contains("\"kind\":\"FILM\""), body);
        assertTrue(body.contains("\"kind\":\"EBOOK\""), body);
        // Two EBOOK successes of one card in a batch: only the latest is sent.
        assertEquals(2, body.split("\"cardNumber\"").length - 1, body);
        assertTrue(mine.get(0).header("Idempotency-Key").startsWith("auth-service-outbox-"));
        assertEquals(0, activityBatches.flush(), "every row was taken once");
    }
}
