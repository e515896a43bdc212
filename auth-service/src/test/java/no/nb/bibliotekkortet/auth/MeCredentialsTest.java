package no.nb.bibliotekkortet.auth;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.auth.support.Fixtures.PASSWORD;
import static no.nb.bibliotekkortet.auth.support.Fixtures.PIN;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import no.nb.bibliotekkortet.auth.support.Fixtures.TestPatron;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A patron's own credentials (issue 9): the chosen level (R17) after ID-porten and its enforcement for
 * every login and verification kind (door exempt), PIN and password changes with a consumed code (R16),
 * and the forgotten PIN after ID-porten, which also lifts a hard lock.
 */
@QuarkusTest
class MeCredentialsTest extends AuthTestBase {

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String citizen(TestPatron p) {
        return Tokens.idporten(Fixtures.identity(p), "idporten-loa-substantial");
    }

    static String patronToken(TestPatron p, String acr) {
        return Tokens.patron(p.patronId(), acr);
    }

    static void choose(TestPatron p, String level) {
        as(citizen(p)).body(Map.of("securityLevel", level)).put("/api/v1/me/credentials/security-level").then()
                .statusCode(204);
    }

    static ValidatableResponse session(Map<String, ?> body) {
        return Fixtures.as("selfservice-web").body(body).post("/api/v1/patron-sessions").then();
    }

    static ValidatableResponse library(String library, String client, Map<String, ?> body) {
        return Fixtures.as(client, "patrons.read").header("Library-Number", library).body(body)
                .post("/api/v1/authentications/library").then();
    }

    static ValidatableResponse door(TestPatron p) {
        return Fixtures.as("door-system-2030000", "door").body(Map.of("cardNumber", p.cardNumber(), "pin", PIN))
                .post("/api/v1/open-library/" + Fixtures.OSLO + "/door-access").then();
    }

    String code(String token, String purpose) {
        String otpId = as(token).body(Map.of("purpose", purpose)).post("/api/v1/otp").then().statusCode(202)
                .extract().path("otpId");
        return otpId + ":" + sentCode(otpId);
    }

    static Map<String, String> with(String field, String secret, String idAndCode) {
        Map<String, String> body = new HashMap<>();
        body.put(field, secret);
        if (idAndCode != null) {
            body.put("otpId", idAndCode.split(":")[0]);
            body.put("code", idAndCode.split(":")[1]);
        }
        return body;
    }

    static TestPatron adultWithPassword() {
        TestPatron p = Fixtures.patron(LocalDate.of(1980, 1, 1), "IDENTITY_NUMBER", true);
        Fixtures.memberships(p, Fixtures.OSLO);
        Fixtures.contact(p, "kari@example.no", "+4741234567", "EMAIL");
        return p;
    }

    @Test
    void securityAndValidation() {
        TestPatron p = adultWithPassword();
        given().get("/api/v1/me/credentials").then().statusCode(401);
        as(Fixtures.token("library-system-2030000", "patrons.read")).get("/api/v1/me/credentials").then().statusCode(403);
        as(patronToken(p, "nlsso-loa-low")).get("/api/v1/me/credentials").then().statusCode(200)
                .body("securityLevel", equalTo("nlsso-loa-low")).body("pin", equalTo(true))
                .body("password", equalTo(true));
        as(Tokens.idporten("01019912345", "idporten-loa-high")).get("/api/v1/me/credentials").then().statusCode(404);
        // the level is chosen only after an ID-porten login
        as(patronToken(p, "nlsso-loa-substantial")).body(Map.of("securityLevel", "nlsso-loa-high"))
                .put("/api/v1/me/credentials/security-level").then().statusCode(403);
        as(citizen(p)).body(Map.of("securityLevel", "nlsso-loa-extreme")).put("/api/v1/me/credentials/security-level")
                .then().statusCode(400).body("field", equalTo("securityLevel"));
        as(citizen(p)).body(Map.of()).put("/api/v1/me/credentials/security-level").then().statusCode(400)
                .body("field", equalTo("securityLevel"));
        as(citizen(p)).body(Map.of("securityLevel", "nlsso-loa-low", "x", 1))
                .put("/api/v1/me/credentials/security-level").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("pin", "3958")).put("/api/v1/me/credentials/pin").then()
                .statusCode(401);
    }

    @Test
    void levelLowAllowsEveryLoginKind() {
        TestPatron p = adultWithPassword();
        choose(p, "nlsso-loa-low");
        session(Map.of("cardNumber", p.cardNumber(), "pin", PIN)).statusCode(200);
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(true));
        library(Fixtures.OSLO, "library-system-2030000", Map.of("cardNumber", p.cardNumber(), "pin", PIN))
                .body("valid", equalTo(true));
        door(p).body("granted", equalTo(true));
    }

    @Test
    void levelSubstantialRefusesEveryPinOnlyLogin() {
        TestPatron p = adultWithPassword();
        choose(p, "nlsso-loa-substantial");
        as(citizen(p)).get("/api/v1/me/credentials").then().body("securityLevel", equalTo("nlsso-loa-substantial"));
        session(Map.of("cardNumber", p.cardNumber(), "pin", PIN)).statusCode(403)
                .body("reason", equalTo("LEVEL_TOO_LOW")).body("requiredLevel", equalTo("nlsso-loa-substantial"));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(false))
                .body("reason", equalTo("LEVEL_TOO_LOW")).body("requiredLevel", equalTo("nlsso-loa-substantial"));
        library(Fixtures.OSLO, "library-system-2030000", Map.of("cardNumber", p.cardNumber(), "pin", PIN))
                .body("reason", equalTo("LEVEL_TOO_LOW")).body("requiredLevel", equalTo("nlsso-loa-substantial"));
        // a patron token from before the choice, at low, no longer counts
        as(patronToken(p, "nlsso-loa-low")).body(Map.of("purpose", "change-pin")).post("/api/v1/otp").then()
                .statusCode(403).body("rule", equalTo("LEVEL_TOO_LOW"))
                .body("detail", org.hamcrest.Matchers.containsString("nlsso-loa-substantial"));
        // password and PIN + code reach it; the door is exempt
        session(Map.of("cardNumber", p.cardNumber(), "password", PASSWORD)).statusCode(200);
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "password", PASSWORD).body("valid", equalTo(true));
        library(Fixtures.OSLO, "library-system-2030000", Map.of("cardNumber", p.cardNumber(), "password", PASSWORD))
                .body("valid", equalTo(true));
        String otpId = session(Map.of("cardNumber", p.cardNumber(), "pin", PIN, "secondFactor", "one-time-code"))
                .statusCode(202).extract().path("otpId");
        session(Map.of("otpId", otpId, "code", sentCode(otpId))).statusCode(200)
                .body("level", equalTo("nlsso-loa-substantial"));
        as(patronToken(p, "nlsso-loa-substantial")).body(Map.of("purpose", "change-pin")).post("/api/v1/otp").then()
                .statusCode(202);
        door(p).body("granted", equalTo(true));
    }

    @Test
    void levelHighRefusesEveryCardLogin() {
        TestPatron p = adultWithPassword();
        choose(p, "nlsso-loa-high");
        session(Map.of("cardNumber", p.cardNumber(), "pin", PIN)).statusCode(403)
                .body("reason", equalTo("LEVEL_TOO_LOW")).body("requiredLevel", equalTo("nlsso-loa-high"));
        session(Map.of("cardNumber", p.cardNumber(), "password", PASSWORD)).statusCode(403)
                .body("reason", equalTo("LEVEL_TOO_LOW")).body("requiredLevel", equalTo("nlsso-loa-high"));
        session(Map.of("cardNumber", p.cardNumber(), "pin", PIN, "secondFactor", "one-time-code")).statusCode(403)
                .body("reason", equalTo("LEVEL_TOO_LOW")).body("requiredLevel", equalTo("nlsso-loa-high"))
                .body("otpId", nullValue());
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "password", PASSWORD)
                .body("reason", equalTo("LEVEL_TOO_LOW")).body("requiredLevel", equalTo("nlsso-loa-high"));
        library(Fixtures.OSLO, "library-system-2030000", Map.of("cardNumber", p.cardNumber(), "password", PASSWORD))
                .body("reason", equalTo("LEVEL_TOO_LOW")).body("requiredLevel", equalTo("nlsso-loa-high"));
        as(patronToken(p, "nlsso-loa-substantial")).get("/api/v1/me/credentials").then().statusCode(403)
                .body("rule", equalTo("LEVEL_TOO_LOW"));
        // ID-porten still works, and the door is exempt
        as(citizen(p)).get("/api/v1/me/credentials").then().statusCode(200).body("securityLevel", equalTo("nlsso-loa-high"));
        door(p).body("granted", equalTo(true));
    }

    @Test
    void aLoginCodeStartedBeforeRaisingTheLevelToHighCannotFinish() {
        TestPatron p = adultWithPassword();
        String otpId = session(Map.of("cardNumber", p.cardNumber(), "pin", PIN, "secondFactor", "one-time-code"))
                .statusCode(202).extract().path("otpId");
        String code = sentCode(otpId);
        choose(p, "nlsso-loa-high");
        session(Map.of("otpId", otpId, "code", code)).statusCode(403).body("reason", equalTo("LEVEL_TOO_LOW"))
                .body("requiredLevel", equalTo("nlsso-loa-high"));
    }

    @Test
    void pinChangeNeedsAChangePinCode() {
        TestPatron p = adultWithPassword();
        String token = patronToken(p, "nlsso-loa-low");
        as(token).body(Map.of("pin", "3958")).put("/api/v1/me/credentials/pin").then().statusCode(403)
                .body("type", equalTo("https://bibliotekkortet.no/problems/one-time-code-required"));
        String wrongPurpose = code(token, "change-personal-data");
        as(token).body(with("pin", "3958", wrongPurpose)).put("/api/v1/me/credentials/pin").then().statusCode(403)
                .body("rule", equalTo("WRONG_PURPOSE"));
        String changePin = code(token, "change-pin");
        // a bad PIN is refused before the code is touched, so the code still works afterwards
        as(token).body(with("pin", "1234", changePin)).put("/api/v1/me/credentials/pin").then().statusCode(422)
                .body("field", equalTo("pin"));
        as(token).body(with("pin", "12", changePin)).put("/api/v1/me/credentials/pin").then().statusCode(400)
                .body("field", equalTo("pin"));
        as(token).body(with("pin", "3958", changePin)).put("/api/v1/me/credentials/pin").then().statusCode(204);
        as(token).body(with("pin", "3959", changePin)).put("/api/v1/me/credentials/pin").then().statusCode(403)
                .body("rule", equalTo("USED"));
        session(Map.of("cardNumber", p.cardNumber(), "pin", PIN)).statusCode(403).body("reason", equalTo("INVALID"));
        session(Map.of("cardNumber", p.cardNumber(), "pin", "3958")).statusCode(200);
        // a code of the right purpose but wrong digits counts a try and changes nothing
        String another = code(token, "change-pin");
        String wrong = another.endsWith("000000") ? another.replace(":000000", ":000001")
                : another.substring(0, another.indexOf(':')) + ":000000";
        as(token).body(with("pin", "7351", wrong)).put("/api/v1/me/credentials/pin").then().statusCode(403)
                .body("rule", equalTo("INVALID"));
        session(Map.of("cardNumber", p.cardNumber(), "pin", "3958")).statusCode(200);
    }

    @Test
    void passwordChangeNeedsAChangePasswordCodeEvenWithIdporten() {
        TestPatron p = adultWithPassword();
        String citizen = citizen(p);
        as(citizen).body(Map.of("password", "Fjord-og-Fjell-2031")).put("/api/v1/me/credentials/password").then()
                .statusCode(403).body("type", equalTo("https://bibliotekkortet.no/problems/one-time-code-required"));
        String changePassword = code(citizen, "change-password");
        as(citizen).body(with("password", "password123", changePassword)).put("/api/v1/me/credentials/password")
                .then().statusCode(422).body("field", equalTo("password"));
        as(citizen).body(with("password", "Fjord-og-Fjell-2031", changePassword))
                .put("/api/v1/me/credentials/password").then().statusCode(204);
        session(Map.of("cardNumber", p.cardNumber(), "password", "Fjord-og-Fjell-2031")).statusCode(200)
                .body("level", equalTo("nlsso-loa-substantial"));
        session(Map.of("cardNumber", p.cardNumber(), "password", PASSWORD)).statusCode(403);
    }

    @Test
    void forgottenPinAfterIdportenNeedsNoCodeAndLiftsAHardLock() {
        TestPatron p = adultWithPassword();
        // 4 rounds of 5 failures: 15, 30, 60 minute locks, then a hard lock
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 5; i++) {
                session(Map.of("cardNumber", p.cardNumber(), "pin", "9999")).statusCode(403);
            }
            clock.advance(Duration.ofMinutes(61));
        }
        session(Map.of("cardNumber", p.cardNumber(), "pin", PIN)).statusCode(403).body("reason", equalTo("LOCKED"));
        // a patron token cannot set a PIN without a code; an ID-porten login below substantial neither
        as(patronToken(p, "nlsso-loa-low")).body(Map.of("pin", "3958")).put("/api/v1/me/credentials/pin").then()
                .statusCode(403);
        as(Tokens.idporten(Fixtures.identity(p), "idporten-loa-low")).body(Map.of("pin", "3958"))
                .put("/api/v1/me/credentials/pin").then().statusCode(403)
                .body("type", equalTo("https://bibliotekkortet.no/problems/login-level-not-accepted"))
                .body("field", equalTo("acr"));
        as(Tokens.idporten(Fixtures.identity(p), "idporten-loa-high")).body(Map.of("pin", "3958"))
                .put("/api/v1/me/credentials/pin").then().statusCode(204);
        session(Map.of("cardNumber", p.cardNumber(), "pin", "3958")).statusCode(200);
    }
}
