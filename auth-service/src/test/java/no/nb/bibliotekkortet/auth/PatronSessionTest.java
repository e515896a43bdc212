package no.nb.bibliotekkortet.auth;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.auth.support.Fixtures.PASSWORD;
import static no.nb.bibliotekkortet.auth.support.Fixtures.PIN;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import no.nb.bibliotekkortet.auth.support.Fixtures.TestPatron;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/**
 * Patron login (issue 9): one step with PIN or password, two steps with PIN + login code, lockout and
 * chosen levels; tokens verified by a real JWKS-based verifier (jose4j, as quarkus-oidc uses) against this
 * instance's published key set: signature, issuer = discovery issuer, audience, expiry, tampering; key
 * rotation.
 */
@QuarkusTest
class PatronSessionTest extends AuthTestBase {

    @TestHTTPResource("/api/v1/.well-known/jwks.json")
    URL jwksUrl;

    static ValidatableResponse login(Map<String, ?> body) {
        return Fixtures.as("selfservice-web").body(body).post("/api/v1/patron-sessions").then();
    }

    static ValidatableResponse pin(TestPatron p, String pin) {
        return login(Map.of("cardNumber", p.cardNumber(), "pin", pin));
    }

    String issuer() {
        return given().get("/api/v1/.well-known/openid-configuration").then().statusCode(200).extract().path("issuer");
    }

    /** A verifier as a relying party builds it: keys from the published JWKS, issuer, audience, time. */
    JwtConsumer verifier(String audience, Instant at) {
        HttpsJwks jwks = new HttpsJwks(jwksUrl.toString());
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setExpectedIssuer(issuer())
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setRequireSubject()
                .setRequireJwtId()
                .setEvaluationTime(NumericDate.fromMilliseconds(at.toEpochMilli()))
                .setAllowedClockSkewInSeconds(0)
                .build();
    }

    JwtClaims verify(String token, Instant at) throws InvalidJwtException {
        return verifier(Tokens.PUBLIC_AUDIENCE, at).processToClaims(token);
    }

    @Test
    void securityCases() {
        TestPatron p = Fixtures.patron();
        Map<String, String> body = Map.of("cardNumber", p.cardNumber(), "pin", PIN);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/patron-sessions").then().statusCode(401);
        Fixtures.as("library-system-2030000", "patrons.read").body(body).post("/api/v1/patron-sessions").then()
                .statusCode(403).body("type", equalTo("https://bibliotekkortet.no/problems/operation-not-allowed"));
        given().auth().oauth2(Tokens.idporten("01019912345", "idporten-loa-high")).contentType(ContentType.JSON)
                .body(body).post("/api/v1/patron-sessions").then().statusCode(403);
        login(Map.of("cardNumber", "123", "pin", PIN)).statusCode(400).body("field", equalTo("cardNumber"));
        login(Map.of("cardNumber", p.cardNumber(), "pin", PIN, "password", PASSWORD)).statusCode(400)
                .body("field", equalTo("password"));
        login(Map.of("cardNumber", p.cardNumber(), "pin", PIN, "secondFactor", "sms")).statusCode(400)
                .body("field", equalTo("secondFactor"));
        login(Map.of("cardNumber", p.cardNumber(), "pin", PIN, "channel", "SMS")).statusCode(400)
                .body("field", equalTo("channel"));
        login(Map.of("otpId", "x", "code", "1", "cardNumber", p.cardNumber())).statusCode(400);
        login(Map.of("cardNumber", p.cardNumber(), "pin", PIN, "remember", true)).statusCode(400);
        // the well-known documents need no token
        given().get("/api/v1/.well-known/jwks.json").then().statusCode(200);
        given().get("/api/v1/.well-known/openid-configuration").then().statusCode(200)
                .body("jwks_uri", equalTo(issuer() + "/.well-known/jwks.json"));
    }

    @Test
    void cardAndPinGiveALowTokenVerifiedThroughThePublishedKeySet() throws Exception {
        TestPatron p = Fixtures.patron();
        var r = pin(p, PIN).statusCode(200).body("tokenType", equalTo("Bearer")).body("level", equalTo("nlsso-loa-low"))
                .header("Cache-Control", "no-store");
        String token = r.extract().path("accessToken");
        int expiresIn = r.extract().path("expiresIn");
        assertTrue(expiresIn > 0 && expiresIn <= 900);
        JwtClaims claims = verify(token, Instant.now());
        assertEquals(p.patronId(), claims.getSubject());
        assertEquals(issuer(), claims.getIssuer());
        assertEquals(List.of(Tokens.PUBLIC_AUDIENCE), claims.getAudience());
        assertEquals("nlsso-loa-low", claims.getStringClaimValue("acr"));
        assertTrue(claims.getJwtId().length() >= 32);
        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertTrue(lifetime > 0 && lifetime <= 15 * 60, "exp <= 15 minutes after iat");
        // no personal data beyond the opaque id
        assertEquals(List.of("acr", "aud", "client_id", "exp", "iat", "iss", "jti", "sub"),
                claims.getClaimNames().stream().sorted().toList());
        // a second login gets another jti
        assertNotEquals(claims.getJwtId(), verify(pin(p, PIN).extract().path("accessToken"), Instant.now()).getJwtId());
    }

    @Test
    void expiredWrongAudienceAndTamperedTokensAreRejected() throws Exception {
        TestPatron p = Fixtures.patron();
        String token = pin(p, PIN).statusCode(200).extract().path("accessToken");
        long exp = verify(token, Instant.now()).getExpirationTime().getValue();
        assertThrows(InvalidJwtException.class, () -> verify(token, Instant.ofEpochSecond(exp + 1)));
        assertThrows(InvalidJwtException.class,
                () -> verifier("https://internal.bibliotekkortet.no", Instant.now()).processToClaims(token));
        assertThrows(InvalidJwtException.class,
                () -> verify(Tokens.tampered(token, "sub", "someone-else"), Instant.now()));
        assertThrows(InvalidJwtException.class,
                () -> verify(Tokens.tampered(token, "acr", "nlsso-loa-high"), Instant.now()));
        assertThrows(InvalidJwtException.class, () -> verify(Tokens.algNone(token), Instant.now()));
    }

    @Test
    void keyRotationPublishesTheNextKeyFirstAndKeepsOldTokensValid() throws Exception {
        List<String> kids = given().get("/api/v1/.well-known/jwks.json").then().statusCode(200)
                .extract().path("keys.kid");
        assertEquals(List.of("k1", "k2"), kids.stream().sorted().toList(), "k2 is published before it signs");
        TestPatron p = Fixtures.patron();
        Instant switchAt = Instant.parse("2100-01-01T00:00:00Z");
        clock.set(switchAt.minus(Duration.ofMinutes(2)));
        String before = pin(p, PIN).statusCode(200).extract().path("accessToken");
        clock.set(switchAt.plus(Duration.ofMinutes(1)));
        String after = pin(p, PIN).statusCode(200).extract().path("accessToken");
        assertEquals("k1", header(before, "kid"));
        assertEquals("k2", header(after, "kid"));
        // the old key's token stays valid until it expires, next to the new key's
        Instant now = switchAt.plus(Duration.ofMinutes(1));
        assertEquals(p.patronId(), verify(before, now).getSubject());
        assertEquals(p.patronId(), verify(after, now).getSubject());
    }

    @Test
    void cardAndPasswordGiveASubstantialToken() throws Exception {
        TestPatron p = Fixtures.patron(LocalDate.of(1985, 3, 3), "IDENTITY_NUMBER", true);
        String token = login(Map.of("cardNumber", p.cardNumber(), "password", PASSWORD)).statusCode(200)
                .body("level", equalTo("nlsso-loa-substantial")).extract().path("accessToken");
        assertEquals("nlsso-loa-substantial", verify(token, Instant.now()).getStringClaimValue("acr"));
    }

    @Test
    void wrongSecretsAreRefusedAndLockAsInAuthenticationI() {
        TestPatron p = Fixtures.patron();
        login(Map.of("cardNumber", Fixtures.unknownCard(), "pin", PIN)).statusCode(403)
                .body("reason", equalTo("INVALID")).body("accessToken", nullValue());
        for (int i = 0; i < 5; i++) {
            pin(p, "9999").statusCode(403).body("reason", equalTo("INVALID"));
        }
        pin(p, PIN).statusCode(403).body("reason", equalTo("LOCKED"));
        login(Map.of("cardNumber", p.cardNumber(), "pin", PIN, "secondFactor", "one-time-code")).statusCode(403)
                .body("reason", equalTo("LOCKED"));
        clock.advance(Duration.ofMinutes(15));
        pin(p, PIN).statusCode(200);
    }

    @Test
    void twoStepLoginWithPinAndALoginCode() throws Exception {
        TestPatron p = Fixtures.patron();
        Fixtures.contact(p, "kari@example.no", "+4741234567", "SMS");
        var first = login(Map.of("cardNumber", p.cardNumber(), "pin", PIN, "secondFactor", "one-time-code"))
                .statusCode(202).body("channel", equalTo("SMS")).body("accessToken", nullValue());
        String otpId = first.extract().path("otpId");
        var sent = sentNotification(otpId);
        assertEquals("login", sent.path("params").path("purpose").asText());
        String code = sent.path("params").path("code").asText();
        String wrong = code.equals("111111") ? "222222" : "111111";
        login(Map.of("otpId", otpId, "code", wrong)).statusCode(403).body("reason", equalTo("INVALID"));
        String token = login(Map.of("otpId", otpId, "code", code)).statusCode(200)
                .body("level", equalTo("nlsso-loa-substantial")).extract().path("accessToken");
        JwtClaims claims = verify(token, Instant.now());
        assertEquals("nlsso-loa-substantial", claims.getStringClaimValue("acr"));
        assertEquals(p.patronId(), claims.getSubject());
        login(Map.of("otpId", otpId, "code", code)).statusCode(403).body("reason", equalTo("USED"));
        // a wrong PIN in the first step sends nothing
        login(Map.of("cardNumber", p.cardNumber(), "pin", "9999", "secondFactor", "one-time-code")).statusCode(403)
                .body("reason", equalTo("INVALID"));
        // a change code cannot finish a login
        String change = given().auth().oauth2(Tokens.patron(p.patronId(), "nlsso-loa-low")).contentType(ContentType.JSON)
                .body(Map.of("purpose", "change-pin")).post("/api/v1/otp").then().statusCode(202).extract().path("otpId");
        login(Map.of("otpId", change, "code", sentCode(change))).statusCode(403).body("reason", equalTo("WRONG_PURPOSE"));
        // an expired login code
        String late = login(Map.of("cardNumber", p.cardNumber(), "pin", PIN, "secondFactor", "one-time-code"))
                .statusCode(202).extract().path("otpId");
        String lateCode = sentCode(late);
        clock.advance(Duration.ofMinutes(10));
        login(Map.of("otpId", late, "code", lateCode)).statusCode(403).body("reason", equalTo("EXPIRED"));
    }

    @Test
    void completedLoginsAreReportedAsActivity() throws Exception {
        TestPatron p = Fixtures.patron();
        Fixtures.contact(p, "kari@example.no", null, null);
        pin(p, PIN).statusCode(200);
        String otpId = login(Map.of("cardNumber", p.cardNumber(), "pin", PIN, "secondFactor", "one-time-code"))
                .statusCode(202).extract().path("otpId");
        login(Map.of("otpId", otpId, "code", sentCode(otpId))).statusCode(200);
        var patrons = no.nb.bibliotekkortet.testsupport.EdgeStubResource.server("patron-service");
        long deadline = System.currentTimeMillis() + 30_000;
        List<String> mine = List.of();
        while (System.currentTimeMillis() < deadline) {
            mine = patrons.requests("/internal/v1/activity").stream().map(r -> r.body().replace(" ", ""))
                    .filter(b -> b.contains(p.cardNumber()) || b.contains(p.patronId())).toList();
            if (mine.size() >= 2) {
                break;
            }
            deliverOutbox();
        }
        assertEquals(2, mine.size(), "one-step and two-step logins, not the first step: " + mine);
        assertTrue(mine.stream().allMatch(b -> b.contains("\"kind\":\"LOGIN\"")));
        assertTrue(mine.stream().anyMatch(b -> b.contains("\"cardNumber\":\"" + p.cardNumber() + "\"")));
        assertTrue(mine.stream().anyMatch(b -> b.contains("\"patronId\":\"" + p.patronId() + "\"")));
    }

    private static String header(String jwt, String name) throws Exception {
        String json = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path(name).asText();
    }
}
