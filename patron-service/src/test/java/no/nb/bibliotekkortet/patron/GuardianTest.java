package no.nb.bibliotekkortet.patron;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.patron.support.Citizens.child;
import static no.nb.bibliotekkortet.patron.support.Citizens.citizen;
import static no.nb.bibliotekkortet.patron.support.PatronApi.BERGEN;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static no.nb.bibliotekkortet.patron.support.PatronApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guardians and children (R22) through HTTP with real ID-porten-shaped tokens: the guardian route, the declared
 * relationship and its in-person confirmation, a claimed child already registered (409), the child's messages
 * to the guardian, and the guardian's access ending on the child's 15th birthday (Europe/Oslo, 29 February).
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class GuardianTest extends StubbedServicesTest {

    String guardian;

    @BeforeEach
    void newGuardian() {
        guardian = TestIdentities.bornOn(LocalDate.of(1980, 4, 1));
    }

    private String tenYearOld() {
        return TestIdentities.bornOn(LocalDate.now().minusYears(10).minusDays(3));
    }

    @Test
    void aGuardianRegistersAChildWithADigitalCardAndTheDeclarationIsRecorded() throws Exception {
        String childNumber = tenYearOld();
        String card = citizen(guardian).body(child(childNumber, OSLO)).post("/api/v1/me/children").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/me/children/N"))
                .body("relationship.declaredBy", equalTo("GUARDIAN")).body("relationship.confirmed", equalTo(false))
                .body("relationship.declaredAt", org.hamcrest.Matchers.notNullValue())
                .body("name.givenNames", equalTo("Ánde")).body("homeLibrary", equalTo(OSLO))
                .extract().path("cardNumbers[0]");
        String childId = db.single("select cast(patron_id as varchar) from card where card_number = '" + card + "'").toString();
        assertEquals(1, db.count("select count(*) from card where card_number = '" + card + "' and kind = 'DIGITAL'"));
        assertEquals(1, db.count("select count(*) from patron where created_by = 'GUARDIAN' and email is null"));
        assertEquals(1, db.count("select count(*) from guardianship where declared_by = 'GUARDIAN' and length(guardian_hash) = 32"));

        // child-registered goes to the child's contact, which is the guardian's
        relay.deliverDue();
        JsonNode sent = JSON.readTree(notification.requests("/internal/v1/notifications").get(0).body());
        assertEquals("child-registered", sent.get("template").asText());
        assertEquals(childId, sent.at("/recipient/patronId").asText());
        assertEquals("Ánde", sent.at("/params/childName").asText());
        assertEquals(card, sent.at("/params/cardNumber").asText());
        assertFalse(sent.toString().contains(childNumber) || sent.toString().contains(guardian));
        given().auth().oauth2(PatronApi.internalToken("notification-service")).get("/internal/v1/patrons/" + childId + "/contact")
                .then().statusCode(200).body("email", nullValue()).body("guardian.email", equalTo("guardian@example.no"))
                .body("guardian.phone", equalTo("+4798765432"));

        // the guardian reads the child's record and sees the child in the list
        citizen(guardian).get("/api/v1/me/children/" + card).then().statusCode(200).body("cards[0].cardNumber", equalTo(card));
        citizen(guardian).get("/api/v1/me/children").then().statusCode(200).body("$", hasSize(1))
                .body("[0].cardNumbers[0]", equalTo(card));
        // not registered themselves: no own record, but the children are there
        citizen(guardian).get("/api/v1/me").then().statusCode(404).body("type", containsString("not-registered"));
        // someone else is no guardian of this child
        citizen(TestIdentities.bornOn(LocalDate.of(1979, 1, 1))).get("/api/v1/me/children/" + card).then().statusCode(403)
                .body("type", containsString("not-guardian"));
    }

    @Test
    void aRegisteredGuardianSeesTheChildrenInTheFullRecordAndNeedsNoContactInTheBody() {
        Citizens.selfRegistered(guardian, BERGEN);
        Map<String, Object> body = child(tenYearOld(), BERGEN);
        body.remove("guardianContact");
        String card = citizen(guardian).body(body).post("/api/v1/me/children").then().statusCode(201)
                .extract().path("cardNumbers[0]");
        citizen(guardian).get("/api/v1/me").then().statusCode(200).body("children", hasSize(1))
                .body("children[0].cardNumbers[0]", equalTo(card));
        String childId = db.single("select cast(patron_id as varchar) from card where card_number = '" + card + "'").toString();
        given().auth().oauth2(PatronApi.internalToken("notification-service")).get("/internal/v1/patrons/" + childId + "/contact")
                .then().statusCode(200).body("guardian.email", equalTo("Kari.Nordmann@Example.no"));
    }

    @Test
    void anUnregisteredGuardianMustGiveAContact() {
        Map<String, Object> body = child(tenYearOld(), OSLO);
        body.remove("guardianContact");
        citizen(guardian).body(body).post("/api/v1/me/children").then().statusCode(400).body("field", equalTo("guardianContact"));
        assertEquals(0, db.count("select count(*) from patron"));
    }

    @Test
    void aClaimedChildAlreadyRegisteredIs409WithoutCardNumbers() {
        String childNumber = tenYearOld();
        String card = PatronApi.registered(childNumber);
        citizen(guardian).body(child(childNumber, OSLO)).post("/api/v1/me/children").then().statusCode(409)
                .body("type", containsString("identity-number-registered")).body("detail", not(containsString(card)));
        assertEquals(0, db.count("select count(*) from guardianship"));
        // a second guardian claiming a child registered by the first: 409 as well
        String other = tenYearOld();
        citizen(guardian).body(child(other, OSLO)).post("/api/v1/me/children").then().statusCode(201);
        citizen(TestIdentities.bornOn(LocalDate.of(1982, 2, 2))).body(child(other, OSLO)).post("/api/v1/me/children")
                .then().statusCode(409);
        assertEquals(1, db.count("select count(*) from guardianship"));
    }

    @Test
    void childrenOf15OrOlderRegisterThemselvesAndTheGuardianCannotBeTheChild() {
        String fifteen = TestIdentities.bornOn(LocalDate.of(2011, 6, 10));
        clock.set(Instant.parse("2026-06-09T22:00:00Z")); // 10 June in Oslo: the 15th birthday
        citizen(guardian).body(child(fifteen, OSLO)).post("/api/v1/me/children").then().statusCode(422)
                .body("type", containsString("child-not-under-15")).body("field", equalTo("identityNumber"));
        clock.set(Instant.parse("2026-06-09T21:59:59Z")); // the day before
        citizen(guardian).body(child(fifteen, OSLO)).post("/api/v1/me/children").then().statusCode(201);
        clock.reset();
        citizen(guardian).body(child(guardian, OSLO)).post("/api/v1/me/children").then().statusCode(422);
        citizen(TestIdentities.bornOn(LocalDate.now().minusYears(16))).body(child(tenYearOld(), OSLO))
                .post("/api/v1/me/children").then().statusCode(403).body("type", containsString("guardian-under-18"));
        // a D-number child: birth date declared
        Map<String, Object> d = child(TestIdentities.syntheticDNumber(), OSLO);
        citizen(guardian).body(d).post("/api/v1/me/children").then().statusCode(400).body("field", equalTo("birthDate"));
        d.put("birthDate", LocalDate.now().minusYears(9).toString());
        citizen(guardian).body(d).post("/api/v1/me/children").then().statusCode(201);
        assertEquals(1, db.count("select count(*) from patron where birth_date_source = 'DECLARED'"));
    }

    @Test
    void theGuardiansAccessEndsOnTheChildsFifteenthBirthdayBornOn29February() {
        String childNumber = TestIdentities.bornOn(LocalDate.of(2012, 2, 29));
        clock.set(Instant.parse("2027-02-28T12:00:00Z"));
        String card = citizen(guardian).body(child(childNumber, OSLO)).post("/api/v1/me/children").then().statusCode(201)
                .body("guardianAccessUntil", equalTo("2027-02-28")).extract().path("cardNumbers[0]");
        String childId = db.single("select cast(patron_id as varchar) from card where card_number = '" + card + "'").toString();
        citizen(guardian).get("/api/v1/me/children/" + card).then().statusCode(200);
        relay.deliverDue();

        clock.set(Instant.parse("2027-02-28T23:00:00Z")); // 1 March in Oslo: the 15th birthday
        citizen(guardian).get("/api/v1/me/children/" + card).then().statusCode(403)
                .body("type", containsString("guardian-access-ended"));
        citizen(guardian).get("/api/v1/me/children").then().statusCode(200).body("$", hasSize(0));
        citizen(guardian).body(Map.of("otpId", "o", "code", "123456", "language", "en"))
                .patch("/api/v1/me/children/" + card).then().statusCode(403);
        given().auth().oauth2(PatronApi.internalToken("notification-service")).get("/internal/v1/patrons/" + childId + "/contact")
                .then().statusCode(200).body("guardian", nullValue());
    }

    @Test
    void staffAtAMemberLibraryConfirmTheRelationshipInPerson() {
        String card = citizen(guardian).body(child(tenYearOld(), BERGEN)).post("/api/v1/me/children").then().statusCode(201)
                .extract().path("cardNumbers[0]");
        String path = "/api/v1/patrons/" + card + "/guardianship-confirmation";
        given().contentType("application/json").post(path).then().statusCode(401);
        as(BERGEN, "patrons.read").post(path).then().statusCode(403);
        as(OSLO, "patrons.write").post(path).then().statusCode(403).body("type", containsString("not-a-member-library"));
        as(BERGEN, "patrons.write").post(path).then().statusCode(200).body("[0].confirmed", equalTo(true))
                .body("[0].confirmedBy", equalTo(BERGEN)).body("[0].declaredBy", equalTo("GUARDIAN"));
        String childId = citizen(guardian).get("/api/v1/me/children").then().body("[0].relationship.confirmed", equalTo(true))
                .body("[0].relationship.confirmedBy", equalTo(BERGEN)).extract().path("[0].patronId");
        // Issue 16: the confirmation is a change record (field guardians) for the child's libraries to sync.
        as(BERGEN, "patrons.read").get("/api/v1/changes?limit=1000").then().statusCode(200)
                .body("changes.findAll { it.kind == 'UPDATED' && it.fields == ['guardians'] && it.changedBy == '" + BERGEN
                        + "' && it.patronId == '" + childId + "' }.size()", equalTo(1));
        String adult = PatronApi.registered(TestIdentities.synthetic());
        as(OSLO, "patrons.write").post("/api/v1/patrons/" + adult + "/guardianship-confirmation").then().statusCode(404);
    }
}
