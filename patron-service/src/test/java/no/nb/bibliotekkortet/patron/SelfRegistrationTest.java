package no.nb.bibliotekkortet.patron;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.patron.support.Citizens.citizen;
import static no.nb.bibliotekkortet.patron.support.Citizens.selfRegistration;
import static no.nb.bibliotekkortet.patron.support.PatronApi.BERGEN;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import no.nb.bibliotekkortet.patron.support.Citizens;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.StubbedServicesTest;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.Test;

/**
 * Self-registration with ID-porten (R9, R16, R22) through HTTP with real ID-porten-shaped tokens: identity number
 * only from {@code pid}, the 15th-birthday boundary on the Europe/Oslo date (incl. 29 February), D-numbers with
 * a declared birth date, membership per activation mode, credentials, welcome, 409 with card numbers, all or nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class SelfRegistrationTest extends StubbedServicesTest {

    @Test
    void needsAnIdPortenLoginAtSubstantialOrHigh() {
        Map<String, Object> body = selfRegistration(BERGEN);
        given().contentType("application/json").body(body).post("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(PatronApi.token(PatronApi.OSLO_CLIENT, "patrons.write")).contentType("application/json")
                .body(body).post("/api/v1/me").then().statusCode(403);
        Citizens.patron(java.util.UUID.randomUUID().toString(), "nlsso-loa-substantial").body(body).post("/api/v1/me")
                .then().statusCode(403);
        citizen(TestIdentities.bornOn(LocalDate.of(1990, 5, 5)), "idporten-loa-low").body(body).post("/api/v1/me")
                .then().statusCode(403).body("type", containsString("login-level-not-accepted"));
        assertEquals(0, db.count("select count(*) from patron"));
    }

    @Test
    void aDigitalLibraryGivesAnActiveMembershipDigitalCardCredentialsAndWelcomeWithTheLibrarysName() throws Exception {
        String pid = TestIdentities.bornOn(LocalDate.of(1990, 5, 5));
        Map<String, Object> body = selfRegistration(BERGEN);
        body.put("password", "correct horse battery");
        String patronId = citizen(pid).body(body).post("/api/v1/me").then().statusCode(201)
                .header("Location", equalTo("/api/v1/me"))
                .body("cards[0].kind", equalTo("DIGITAL")).body("homeLibrary", equalTo(BERGEN))
                .body("libraries[0].state", equalTo("ACTIVE")).body("createdBy", equalTo("SELF"))
                .body("birthDate", equalTo("1990-05-05")).body("birthDateSource", equalTo("IDENTITY_NUMBER"))
                .body("email", equalTo("Kari.Nordmann@Example.no")).body("phones.mobile", equalTo("+4741234567"))
                .body("language", equalTo("en")).body("identityNumber", nullValue())
                .extract().path("patronId");
        assertEquals(1, numberSeries.requests("/internal/v1/digital-card-numbers").size());
        JsonNode m = JSON.readTree(membership.requests("/internal/v1/memberships").get(0).body());
        assertEquals("SELF_REGISTERED", m.get("mode").asText());
        assertEquals(BERGEN, m.get("libraryNumber").asText());
        JsonNode credentials = JSON.readTree(auth.requests("/internal/v1/patrons/" + patronId + "/credentials").get(0).body());
        assertEquals("4321", credentials.get("pin").asText());
        assertEquals("correct horse battery", credentials.get("password").asText());
        assertEquals(1, db.count("select count(*) from change_record where kind = 'CREATED' and changed_by = 'SELF'"));

        relay.deliverDue();
        JsonNode welcome = JSON.readTree(notification.requests("/internal/v1/notifications").get(0).body());
        assertEquals("welcome", welcome.get("template").asText());
        assertEquals(patronId, welcome.at("/recipient/patronId").asText());
        assertEquals("Bergen offentlige bibliotek", welcome.at("/params/homeLibrary").asText());
        assertTrue(welcome.at("/params/cardNumber").asText().matches("N\\d{9}"));
        assertTrue(!welcome.toString().contains(pid), "no identity number in the notification");

        citizen(pid, Citizens.SUBSTANTIAL).get("/api/v1/me").then().statusCode(200)
                .body("patronId", equalTo(patronId)).body("birthDate", equalTo("1990-05-05"));
    }

    @Test
    void anInPersonLibraryGivesAPendingMembership() throws Exception {
        // membership-service answers with the state it chose for the library's activation mode
        membership.answer("/internal/v1/memberships", 201, "{\"state\":\"PENDING_ACTIVATION\",\"version\":3}");
        String patronId = citizen(TestIdentities.bornOn(LocalDate.of(1985, 1, 2))).body(selfRegistration(OSLO)).post("/api/v1/me")
                .then().statusCode(201).body("homeLibrary", equalTo(OSLO))
                .body("libraries[0].state", equalTo("PENDING_ACTIVATION")).body("libraries[0].home", equalTo(true))
                .extract().path("patronId");
        // The welcome says what is true: the card waits for activation at the library (issue 19).
        relay.deliverDue();
        boolean pendingWelcome = false;
        for (var request : notification.requests("/internal/v1/notifications")) {
            JsonNode n = JSON.readTree(request.body());
            if (patronId.equals(n.at("/recipient/patronId").asText())) {
                assertEquals("welcome-pending", n.get("template").asText());
                pendingWelcome = true;
            }
        }
        assertTrue(pendingWelcome, "a welcome-pending notification for the new patron");
    }

    @Test
    void theIdentityNumberNeverComesFromTheBody() {
        Map<String, Object> body = selfRegistration(BERGEN);
        body.put("identityNumber", TestIdentities.synthetic());
        citizen(TestIdentities.bornOn(LocalDate.of(1990, 5, 5))).body(body).post("/api/v1/me").then().statusCode(400);
        assertEquals(0, db.count("select count(*) from patron"));
    }

    @Test
    void alreadyRegisteredIs409WithTheCardNumbers() {
        String pid = TestIdentities.bornOn(LocalDate.of(1975, 3, 4));
        String card = citizen(pid).body(selfRegistration(BERGEN)).post("/api/v1/me").then().statusCode(201)
                .extract().path("cards[0].cardNumber");
        numberSeries.clear();
        citizen(pid).body(selfRegistration(OSLO)).post("/api/v1/me").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(card))
                .body("detail", not(containsString(pid)));
        assertEquals(0, numberSeries.requests().size(), "no number allocated for a duplicate");
        // also when staff registered the person first
        String other = TestIdentities.bornOn(LocalDate.of(1970, 7, 7));
        String staffCard = PatronApi.registered(other);
        citizen(other).body(selfRegistration(BERGEN)).post("/api/v1/me").then().statusCode(409)
                .body("detail", containsString(staffCard));
    }

    @Test
    void theFifteenthBirthdayCountsOnTheOsloDate() {
        String pid = TestIdentities.bornOn(LocalDate.of(2011, 6, 10));
        // 23:59:59 on 9 June in Oslo (CEST): the day before the 15th birthday → the guardian route
        clock.set(Instant.parse("2026-06-09T21:59:59Z"));
        citizen(pid).body(selfRegistration(BERGEN)).post("/api/v1/me").then().statusCode(403)
                .body("type", containsString("guardian-required")).body("detail", containsString("/api/v1/me/children"))
                .body("rule", equalTo("R22"));
        assertEquals(0, db.count("select count(*) from patron"));
        assertEquals(0, numberSeries.requests().size());
        // 00:00 on 10 June in Oslo, still 9 June in UTC: the birthday itself → allowed
        clock.set(Instant.parse("2026-06-09T22:00:00Z"));
        citizen(pid).body(selfRegistration(BERGEN)).post("/api/v1/me").then().statusCode(201);
    }

    @Test
    void bornOn29FebruaryReaches15On1MarchInANonLeapYear() {
        String pid = TestIdentities.bornOn(LocalDate.of(2012, 2, 29));
        clock.set(Instant.parse("2027-02-28T12:00:00Z"));
        citizen(pid).body(selfRegistration(BERGEN)).post("/api/v1/me").then().statusCode(403)
                .body("type", containsString("guardian-required"));
        clock.set(Instant.parse("2027-02-28T23:00:00Z")); // 1 March 00:00 in Oslo (CET)
        citizen(pid).body(selfRegistration(BERGEN)).post("/api/v1/me").then().statusCode(201)
                .body("birthDate", equalTo("2012-02-29"));
    }

    @Test
    void dNumberHoldersDeclareTheirBirthDate() {
        String pid = TestIdentities.syntheticDNumber();
        citizen(pid).body(selfRegistration(BERGEN)).post("/api/v1/me").then().statusCode(400)
                .body("field", equalTo("birthDate"));
        Map<String, Object> young = selfRegistration(BERGEN);
        young.put("birthDate", LocalDate.now().minusYears(14).toString());
        citizen(pid).body(young).post("/api/v1/me").then().statusCode(403).body("type", containsString("guardian-required"));
        Map<String, Object> body = selfRegistration(BERGEN);
        body.put("birthDate", "1988-12-24");
        citizen(pid).body(body).post("/api/v1/me").then().statusCode(201)
                .body("birthDate", equalTo("1988-12-24")).body("birthDateSource", equalTo("DECLARED"));
    }

    @Test
    void everyRequiredFieldAndTheLibraryAreChecked() {
        String pid = TestIdentities.bornOn(LocalDate.of(1990, 5, 5));
        for (String field : new String[] {"email", "pin", "homeLibrary", "givenNames", "surname"}) {
            Map<String, Object> body = selfRegistration(BERGEN);
            body.remove(field);
            citizen(pid).body(body).post("/api/v1/me").then().statusCode(400).body("field", equalTo(field));
        }
        Map<String, Object> body = selfRegistration(BERGEN);
        body.put("pin", "12a4");
        citizen(pid).body(body).post("/api/v1/me").then().statusCode(400).body("field", equalTo("pin"));
        body = selfRegistration(BERGEN);
        body.put("password", "short");
        citizen(pid).body(body).post("/api/v1/me").then().statusCode(400).body("field", equalTo("password"));
        body = selfRegistration("203");
        citizen(pid).body(body).post("/api/v1/me").then().statusCode(400).body("field", equalTo("homeLibrary"));
        body = selfRegistration(BERGEN);
        body.put("email", "not-an-address");
        citizen(pid).body(body).post("/api/v1/me").then().statusCode(400).body("field", equalTo("email"));
        // a library the directory does not know: 422, nothing allocated
        membership.answer("/internal/v1/libraries/9999991", 404, "{\"status\":404}");
        citizen(pid).body(selfRegistration("9999991")).post("/api/v1/me").then().statusCode(422)
                .body("field", equalTo("homeLibrary"));
        assertEquals(0, numberSeries.requests().size());
        assertEquals(0, db.count("select count(*) from patron"));
    }

    @Test
    void allOrNothingWhenAuthFails() {
        auth.answerAll(500);
        String pid = TestIdentities.bornOn(LocalDate.of(1990, 5, 5));
        citizen(pid).body(selfRegistration(BERGEN)).post("/api/v1/me").then().statusCode(503)
                .header("Retry-After", "5");
        assertEquals(0, db.count("select count(*) from patron"));
        assertEquals(1, numberSeries.requests().stream().filter(r -> r.path().endsWith("/release")).count());
        // auth refuses the PIN: 422 naming pin, nothing left
        auth.answerAll(422);
        citizen(pid).body(selfRegistration(BERGEN)).post("/api/v1/me").then().statusCode(422).body("field", equalTo("pin"));
        assertEquals(0, db.count("select count(*) from patron"));
        auth.answerAll(200);
        citizen(pid).body(selfRegistration(BERGEN)).post("/api/v1/me").then().statusCode(201);
        assertEquals(1, db.count("select count(*) from patron"));
    }
}
