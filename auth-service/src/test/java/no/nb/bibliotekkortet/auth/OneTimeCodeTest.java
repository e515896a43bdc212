package no.nb.bibliotekkortet.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import no.nb.bibliotekkortet.auth.support.Fixtures.TestPatron;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.Test;

/**
 * One-time codes (R16) through HTTP with real tokens: request by a patron or citizen, delivery through the
 * outbox to notification-service's stub, and the internal consume contract (single use, purpose and patron
 * binding, expiry, 5 wrong tries, 5 codes per hour, hashed storage, the old channel).
 */
@QuarkusTest
class OneTimeCodeTest extends AuthTestBase {

    @Inject
    AgroalDataSource db;

    static TestPatron reachablePatron() {
        TestPatron p = Fixtures.patron();
        Fixtures.contact(p, "kari@example.no", "+4741234567", "EMAIL");
        return p;
    }

    static ValidatableResponse request(String token, Map<String, ?> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/otp").then();
    }

    static String patronToken(TestPatron p) {
        return Tokens.patron(p.patronId(), "nlsso-loa-low");
    }

    /** Requests a code of {@code purpose} as the patron and returns its id. */
    static String issue(TestPatron p, String purpose) {
        return request(patronToken(p), Map.of("purpose", purpose)).statusCode(202).extract().path("otpId");
    }

    static ValidatableResponse consume(String otpId, String code, String purpose, String patronId) {
        Map<String, Object> body = new HashMap<>();
        body.put("otpId", otpId);
        body.put("code", code);
        body.put("purpose", purpose);
        body.put("patronId", patronId);
        return Fixtures.internal().body(body).post("/internal/v1/otp/consume").then();
    }

    @Test
    void requestSecurityAndValidation() {
        TestPatron p = reachablePatron();
        Map<String, String> body = Map.of("purpose", "change-pin");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/otp").then().statusCode(401);
        request(Fixtures.token("library-system-2030000", "patrons.read"), body).statusCode(403);
        request(Tokens.wrongAudience("selfservice-web"), body).statusCode(401);
        String token = patronToken(p);
        request(token, Map.of()).statusCode(400).body("field", equalTo("purpose"));
        request(token, Map.of("purpose", "open-sesame")).statusCode(400).body("field", equalTo("purpose"));
        request(token, Map.of("purpose", "change-pin", "channel", "PIGEON")).statusCode(400).body("field", equalTo("channel"));
        request(token, Map.of("purpose", "login")).statusCode(422).body("field", equalTo("purpose"));
        // The request can never name an address (for a change of phone the code goes to the phone on record).
        request(token, Map.of("purpose", "change-personal-data", "phone", "+4799999999")).statusCode(400);
        TestPatron mute = Fixtures.patron();
        Fixtures.contact(mute, "only-mail@example.no", null, "SMS");
        request(patronToken(mute), Map.of("purpose", "change-pin", "channel", "SMS")).statusCode(422)
                .body("field", equalTo("channel")).body("rule", equalTo("no-address"));
        // preferred SMS does not exist: the e-mail address is used
        request(patronToken(mute), Map.of("purpose", "change-pin")).statusCode(202).body("channel", equalTo("EMAIL"));
    }

    @Test
    void aCodeIsSentThroughTheOutboxNeverReturnedAndStoredOnlyHashed() throws Exception {
        TestPatron p = reachablePatron();
        var answer = request(patronToken(p), Map.of("purpose", "change-personal-data", "channel", "SMS"))
                .statusCode(202).body("channel", equalTo("SMS")).body("expiresAt", notNullValue())
                .body("code", nullValue());
        String otpId = answer.extract().path("otpId");
        String raw = answer.extract().asString();
        JsonNode sent = sentNotification(otpId);
        String code = sent.path("params").path("code").asText();
        assertTrue(code.matches("\\d{6}"), "6 digits");
        assertFalse(raw.contains(code), "the API never returns the code");
        assertEquals("one-time-code", sent.path("template").asText());
        assertEquals("SMS", sent.path("channel").asText());
        assertEquals("change-personal-data", sent.path("params").path("purpose").asText());
        assertEquals(10, sent.path("params").path("minutesValid").asInt());
        // The recipient is only the patron id: notification-service sends to the address on record (the old one).
        List<String> recipientFields = new java.util.ArrayList<>();
        sent.path("recipient").fieldNames().forEachRemaining(recipientFields::add);
        assertEquals(List.of("patronId"), recipientFields);
        assertEquals(p.patronId(), sent.path("recipient").path("patronId").asText());

        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select * from one_time_code where otp_id = ?")) {
            s.setObject(1, UUID.fromString(otpId));
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                byte[] hash = rs.getBytes("code_hash");
                assertEquals(32, hash.length);
                assertNotEquals(code, new String(hash, StandardCharsets.ISO_8859_1));
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    assertFalse(v != null && v.toString().contains(code), "column " + i + " holds the code");
                }
            }
        }
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from outbox where payload::text like ?")) {
            s.setString(1, "%" + otpId + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "delivered outbox rows (with the code) are deleted");
            }
        }
        consume(otpId, code, "change-personal-data", p.patronId()).statusCode(200).body("valid", equalTo(true))
                .body("reason", nullValue());
    }

    @Test
    void aCodeIsSingleUseAndBoundToPatronAndPurpose() {
        TestPatron p = reachablePatron();
        TestPatron other = reachablePatron();
        String otpId = issue(p, "change-personal-data");
        String code = sentCode(otpId);
        consume(otpId, code, "change-personal-data", other.patronId()).statusCode(200)
                .body("valid", equalTo(false)).body("reason", equalTo("INVALID"));
        consume(otpId, code, "change-pin", p.patronId()).body("valid", equalTo(false))
                .body("reason", equalTo("WRONG_PURPOSE"));
        consume(otpId, code, "change-personal-data", p.patronId()).body("valid", equalTo(true));
        consume(otpId, code, "change-personal-data", p.patronId()).body("valid", equalTo(false))
                .body("reason", equalTo("USED"));
        consume(UUID.randomUUID().toString(), code, "change-personal-data", p.patronId())
                .body("valid", equalTo(false)).body("reason", equalTo("INVALID"));
        consume("not-a-uuid", code, "change-personal-data", p.patronId()).body("reason", equalTo("INVALID"));
    }

    @Test
    void aCodeExpiresAfterTenMinutes() {
        TestPatron p = reachablePatron();
        clock.set(java.time.Instant.now());
        String early = issue(p, "change-pin");
        String late = issue(p, "change-pin");
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        consume(early, sentCode(early), "change-pin", p.patronId()).body("valid", equalTo(true));
        clock.advance(Duration.ofSeconds(1));
        consume(late, sentCode(late), "change-pin", p.patronId()).body("valid", equalTo(false))
                .body("reason", equalTo("EXPIRED"));
    }

    @Test
    void fiveWrongTriesKillTheCode() {
        TestPatron p = reachablePatron();
        String otpId = issue(p, "change-pin");
        String code = sentCode(otpId);
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 5; i++) {
            consume(otpId, i == 4 ? "12ab" : wrong, "change-pin", p.patronId()).body("valid", equalTo(false))
                    .body("reason", equalTo("INVALID"));
        }
        consume(otpId, code, "change-pin", p.patronId()).body("valid", equalTo(false))
                .body("reason", equalTo("TOO_MANY_TRIES"));

        String second = issue(p, "change-pin");
        String secondCode = sentCode(second);
        for (int i = 0; i < 4; i++) {
            consume(second, secondCode.equals("999999") ? "999998" : "999999", "change-pin", p.patronId())
                    .body("reason", equalTo("INVALID"));
        }
        consume(second, secondCode, "change-pin", p.patronId()).body("valid", equalTo(true));
    }

    @Test
    void atMostFiveCodesPerPatronPerHour() {
        TestPatron p = reachablePatron();
        clock.set(java.time.Instant.now());
        for (int i = 0; i < 5; i++) {
            issue(p, "change-personal-data");
            clock.advance(Duration.ofMinutes(1));
        }
        String retryAfter = request(patronToken(p), Map.of("purpose", "change-pin")).statusCode(429)
                .body("type", matchesPattern(".*/one-time-code-limit")).extract().header("Retry-After");
        // the first code was made 5 minutes ago: the window frees up in 55 minutes
        assertTrue(Long.parseLong(retryAfter) > 54 * 60 && Long.parseLong(retryAfter) <= 55 * 60 + 1, retryAfter);
        // another patron is not affected
        issue(reachablePatron(), "change-pin");
        clock.advance(Duration.ofMinutes(56));
        issue(p, "change-pin");
    }

    @Test
    void aCitizenIsResolvedByIdentityNumber() {
        TestPatron p = reachablePatron();
        String identity = Fixtures.identity(p);
        String otpId = request(Tokens.idporten(identity, "idporten-loa-substantial"), Map.of("purpose", "change-password"))
                .statusCode(202).extract().path("otpId");
        assertEquals(p.patronId(), sentNotification(otpId).path("recipient").path("patronId").asText());
        request(Tokens.idporten("01019912345", "idporten-loa-high"), Map.of("purpose", "change-password"))
                .statusCode(404);
    }

    @Test
    void consumeContractSecurityAndValidation() {
        TestPatron p = reachablePatron();
        Map<String, String> body = Map.of("otpId", UUID.randomUUID().toString(), "code", "123456",
                "purpose", "change-pin", "patronId", p.patronId());
        given().contentType(ContentType.JSON).body(body).post("/internal/v1/otp/consume").then().statusCode(401);
        Fixtures.as("library-system-2030000", "patrons.read").body(body).post("/internal/v1/otp/consume").then()
                .statusCode(org.hamcrest.Matchers.oneOf(401, 403));
        given().auth().oauth2(patronToken(p)).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/otp/consume").then().statusCode(org.hamcrest.Matchers.oneOf(401, 403));
        for (String field : List.of("otpId", "code", "purpose", "patronId")) {
            Map<String, String> missing = new HashMap<>(body);
            missing.remove(field);
            Fixtures.internal().body(missing).post("/internal/v1/otp/consume").then().statusCode(400)
                    .body("field", equalTo(field));
        }
        Map<String, String> badPurpose = new HashMap<>(body);
        badPurpose.put("purpose", "anything");
        Fixtures.internal().body(badPurpose).post("/internal/v1/otp/consume").then().statusCode(400)
                .body("field", equalTo("purpose"));
        Map<String, Object> extra = new HashMap<>(body);
        extra.put("extra", 1);
        Fixtures.internal().body(extra).post("/internal/v1/otp/consume").then().statusCode(400);
        Fixtures.internal().body(body).post("/internal/v1/otp/consume").then().statusCode(200)
                .body("valid", equalTo(false)).body("reason", equalTo("INVALID"));
    }
}
