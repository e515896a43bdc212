package no.nb.bibliotekkortet.patron;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.patron.support.Citizens.citizen;
import static no.nb.bibliotekkortet.patron.support.Citizens.patron;
import static no.nb.bibliotekkortet.patron.support.PatronApi.BERGEN;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.patron.support.Citizens;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.StubbedServicesTest;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RecordingServer;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The patron's own record (R16) through HTTP: which view each token kind gets, changes only with a one-time code
 * consumed at auth-service (stub of its InternalOtpResource contract: 200 {valid, reason INVALID|EXPIRED|USED|
 * WRONG_PURPOSE|TOO_MANY_TRIES}) and every refusal leaving the record
 * unchanged; membership-service's REMOVED drops the copy's row.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class OwnRecordTest extends StubbedServicesTest {

    private static final String CONSUME = "/internal/v1/otp/consume";

    String pid;
    String patronId;

    @BeforeEach
    void registeredPatronAndCodeAnswers() {
        // auth-service's consume contract: 200 {valid: true} when consumed; the stub refuses by code
        auth.answer(CONSUME, r -> {
            try {
                String code = JSON.readTree(r.body()).path("code").asText();
                return switch (code) {
                    case "123456" -> new RecordingServer.Answer(200, "{\"valid\":true}");
                    case "999999" -> new RecordingServer.Answer(200, "{\"valid\":false,\"reason\":\"INVALID\"}");
                    case "111111" -> new RecordingServer.Answer(200, "{\"valid\":false,\"reason\":\"EXPIRED\"}");
                    case "222222" -> new RecordingServer.Answer(409, "{\"valid\":false,\"reason\":\"USED\"}");
                    case "333333" -> new RecordingServer.Answer(422, "{\"status\":422,\"reason\":\"WRONG_PURPOSE\"}");
                    case "444444" -> new RecordingServer.Answer(200, "{\"valid\":false,\"reason\":\"TOO_MANY_TRIES\"}");
                    case "500500" -> new RecordingServer.Answer(500, null);
                    default -> new RecordingServer.Answer(404, "{\"status\":404}");
                };
            } catch (java.io.IOException e) {
                return new RecordingServer.Answer(400, null);
            }
        });
        pid = TestIdentities.bornOn(LocalDate.of(1991, 8, 17));
        patronId = Citizens.selfRegistered(pid, BERGEN);
        auth.clear();
    }

    @Test
    void idPortenAtSubstantialOrHighGetsTheFullRecord() {
        for (String acr : new String[] {"idporten-loa-substantial", "idporten-loa-high"}) {
            citizen(pid, acr).get("/api/v1/me").then().statusCode(200).body("patronId", equalTo(patronId))
                    .body("email", equalTo("Kari.Nordmann@Example.no")).body("phones.mobile", equalTo("+4741234567"))
                    .body("birthDate", equalTo("1991-08-17")).body("children", org.hamcrest.Matchers.hasSize(0))
                    .body("$", not(hasKey("identityNumber")));
        }
    }

    @Test
    void aPatronTokenGetsTheLimitedViewWithMaskedContact() {
        for (String acr : new String[] {"nlsso-loa-low", "nlsso-loa-substantial"}) {
            patron(patronId, acr).get("/api/v1/me").then().statusCode(200).body("$", aMapWithSize(6))
                    .body("view", equalTo("LIMITED")).body("name.display", equalTo("Nordmann, Kari"))
                    .body("cardNumbers[0]", org.hamcrest.Matchers.matchesRegex("N\\d{9}"))
                    .body("libraries[0].libraryNumber", equalTo(BERGEN))
                    .body("email", equalTo("K***@Example.no")).body("phone", equalTo("+47******67"));
        }
    }

    @Test
    void otherTokensAndLevelsAreRefused() {
        given().get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(PatronApi.token(PatronApi.OSLO_CLIENT, "patrons.read")).get("/api/v1/me").then().statusCode(403);
        patron(patronId, "nlsso-loa-high").get("/api/v1/me").then().statusCode(403)
                .body("type", containsString("login-level-not-accepted"));
        citizen(pid, "idporten-loa-low").get("/api/v1/me").then().statusCode(403);
        patron(java.util.UUID.randomUUID().toString(), "nlsso-loa-low").get("/api/v1/me").then().statusCode(404);
        citizen(TestIdentities.synthetic()).get("/api/v1/me").then().statusCode(404);
    }

    private static Map<String, Object> change(String code) {
        Map<String, Object> body = new HashMap<>();
        body.put("otpId", "otp-1");
        if (code != null) {
            body.put("code", code);
        }
        body.put("email", "new@example.no");
        body.put("phones", Map.of("mobile", "+47 987 65 432"));
        body.put("preferredChannel", "SMS");
        body.put("language", "nn");
        body.put("temporaryAddress", Map.of("streetLines", List.of("Hytteveien 2"), "postcode", "3580", "place", "Geilo",
                "validUntil", "2030-08-01"));
        return body;
    }

    private void assertUnchanged() {
        citizen(pid).get("/api/v1/me").then().statusCode(200).body("email", equalTo("Kari.Nordmann@Example.no"))
                .body("language", equalTo("en")).body("phones.mobile", equalTo("+4741234567"))
                .body("preferredChannel", equalTo("EMAIL")).body("$", not(hasKey("temporaryAddress")));
        assertEquals(0, db.count("select count(*) from change_record where kind = 'UPDATED'"));
    }

    @Test
    void aConsumedCodeChangesContactTemporaryAddressAndLanguage() throws Exception {
        citizen(pid).body(change("123456")).patch("/api/v1/me").then().statusCode(200)
                .body("email", equalTo("new@example.no")).body("phones.mobile", equalTo("+4798765432"))
                .body("preferredChannel", equalTo("SMS")).body("language", equalTo("nn"))
                .body("temporaryAddress.postcode", equalTo("3580")).body("changedBy", equalTo("SELF"));
        JsonNode consumed = JSON.readTree(auth.requests(CONSUME).get(0).body());
        assertEquals("otp-1", consumed.get("otpId").asText());
        assertEquals("123456", consumed.get("code").asText());
        assertEquals("change-personal-data", consumed.get("purpose").asText());
        assertEquals(patronId, consumed.get("patronId").asText());
        assertEquals(1, db.count("select count(*) from change_record where kind = 'UPDATED' and changed_by = 'SELF'"));
        // with a patron token: the answer is the limited view
        Map<String, Object> body = new HashMap<>(Map.of("otpId", "otp-2", "code", "123456", "language", "en"));
        patron(patronId, "nlsso-loa-low").body(body).patch("/api/v1/me").then().statusCode(200)
                .body("view", equalTo("LIMITED")).body("email", equalTo("n***@example.no"));
    }

    @ParameterizedTest
    @CsvSource({"999999,INVALID", "111111,EXPIRED", "222222,USED", "333333,WRONG_PURPOSE", "444444,TOO_MANY_TRIES",
        "424242,refused"})
    void everyRefusedCodeIs403AndChangesNothing(String code, String reason) {
        citizen(pid).body(change(code)).patch("/api/v1/me").then().statusCode(403)
                .contentType("application/problem+json").body("type", containsString("one-time-code-refused"))
                .body("rule", equalTo(reason)).body("field", equalTo("code"));
        assertUnchanged();
    }

    @Test
    void withoutACodeNothingChangesAndAuthIsNotAsked() {
        citizen(pid).body(change(null)).patch("/api/v1/me").then().statusCode(403)
                .body("type", containsString("one-time-code-required"));
        Map<String, Object> noId = change("123456");
        noId.remove("otpId");
        citizen(pid).body(noId).patch("/api/v1/me").then().statusCode(403);
        assertEquals(0, auth.requests(CONSUME).size());
        assertUnchanged();
    }

    @Test
    void invalidFieldsAre400BeforeTheCodeIsUsedAndAuthFailureIs503() {
        Map<String, Object> bad = change("123456");
        bad.put("email", "nope");
        citizen(pid).body(bad).patch("/api/v1/me").then().statusCode(400).body("field", equalTo("email"));
        Map<String, Object> identity = change("123456");
        identity.put("surname", "Other");
        citizen(pid).body(identity).patch("/api/v1/me").then().statusCode(400);
        assertEquals(0, auth.requests(CONSUME).size(), "the code is not consumed for an invalid request");
        citizen(pid).body(change("500500")).patch("/api/v1/me").then().statusCode(503);
        assertUnchanged();
    }

    @Test
    void removedDropsTheCopysRowAndPendingActivationIsAccepted() {
        var internal = given().auth().oauth2(PatronApi.internalToken("membership-service")).contentType(ContentType.JSON);
        internal.body(List.of(Map.of("patronId", patronId, "libraryNumber", OSLO, "state", "PENDING_ACTIVATION",
                "home", false, "version", 5))).post("/internal/v1/membership-changes").then().statusCode(200)
                .body("applied", equalTo(1));
        citizen(pid).get("/api/v1/me").then().body("libraries.libraryNumber", hasItem(OSLO));
        given().auth().oauth2(PatronApi.internalToken("membership-service")).contentType(ContentType.JSON)
                .body(List.of(Map.of("patronId", patronId, "libraryNumber", OSLO, "state", "REMOVED", "home", false,
                        "version", 4))).post("/internal/v1/membership-changes").then().statusCode(200).body("applied", equalTo(0));
        given().auth().oauth2(PatronApi.internalToken("membership-service")).contentType(ContentType.JSON)
                .body(List.of(Map.of("patronId", patronId, "libraryNumber", OSLO, "state", "REMOVED", "home", false,
                        "version", 6))).post("/internal/v1/membership-changes").then().statusCode(200).body("applied", equalTo(1));
        citizen(pid).get("/api/v1/me").then().body("libraries.libraryNumber", not(hasItem(OSLO)));
        given().auth().oauth2(PatronApi.internalToken("membership-service")).contentType(ContentType.JSON)
                .body(List.of(Map.of("patronId", patronId, "libraryNumber", OSLO, "state", "GONE", "home", false,
                        "version", 7))).post("/internal/v1/membership-changes").then().statusCode(400)
                .body("field", equalTo("[0].state"));
    }
}
