package no.nb.bibliotekkortet.patron;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.patron.support.PatronApi.BERGEN;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static no.nb.bibliotekkortet.patron.support.PatronApi.as;
import static no.nb.bibliotekkortet.patron.support.PatronApi.register;
import static no.nb.bibliotekkortet.patron.support.PatronApi.registration;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.TestDb;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Views (R19), the membership copy, secret addresses (R5), changes by staff, activity (R21) and the internal
 * contracts, through HTTP with real tokens.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class PatronViewsTest {

    @Inject
    TestDb db;

    @BeforeEach
    void reset() {
        db.clean();
        PatronApi.resetStubs();
    }

    private String patronId(String card) {
        return as(OSLO, "patrons.read").get("/api/v1/patrons/" + card).then().statusCode(200).extract().path("patronId");
    }

    private void membershipChange(String patronId, String library, String state, boolean home, long version) {
        given().auth().oauth2(PatronApi.internalToken("membership-service")).contentType(ContentType.JSON)
                .body(List.of(Map.of("patronId", patronId, "libraryNumber", library, "state", state, "home", home,
                        "version", version)))
                .post("/internal/v1/membership-changes").then().statusCode(200);
    }

    @Test
    void lookupNeedsTokenReadScopeAndTheRightLibrary() {
        String card = PatronApi.registered(TestIdentities.synthetic());
        given().get("/api/v1/patrons/" + card).then().statusCode(401);
        as(OSLO, "patrons.write").get("/api/v1/patrons/" + card).then().statusCode(403);
        given().auth().oauth2(PatronApi.token(PatronApi.BERGEN_CLIENT, "patrons.read")).header("Library-Number", OSLO)
                .get("/api/v1/patrons/" + card).then().statusCode(403);
        as(OSLO, "patrons.read").get("/api/v1/patrons/N12345").then().statusCode(400).body("field", equalTo("cardNumber"));
        as(OSLO, "patrons.read").get("/api/v1/patrons/N999999999").then().statusCode(404);
    }

    @Test
    void memberLibrarySeesTheFullRecordOthersTheLimitedView() {
        String number = TestIdentities.synthetic();
        String card = PatronApi.registered(number);
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + card).then().statusCode(200)
                .body("member", equalTo(true)).body("email", equalTo("Kari@Example.no"))
                .body("permanentAddress.streetLines[0]", equalTo("Storgata 1"));
        as(BERGEN, "patrons.read").get("/api/v1/patrons/" + card).then().statusCode(200)
                .body("$", aMapWithSize(5))
                .body("member", equalTo(false)).body("cardNumbers[0]", equalTo(card))
                .body("name.display", equalTo("Nordmann, Kari Ánde")).body("homeLibrary", equalTo(OSLO))
                .body("birthYear", equalTo(Integer.parseInt(birthYear(number))));
        // same by identity number, in a POST body
        as(BERGEN, "patrons.read").body(Map.of("identityNumber", number)).post("/api/v1/patrons/search").then()
                .statusCode(200).body("member", equalTo(false)).body(not(containsString(number)));
        as(OSLO, "patrons.read").body(Map.of("identityNumber", number)).post("/api/v1/patrons/search").then()
                .statusCode(200).body("member", equalTo(true));
        as(OSLO, "patrons.read").body(Map.of("identityNumber", TestIdentities.synthetic())).post("/api/v1/patrons/search")
                .then().statusCode(404);
        as(OSLO, "patrons.read").body(Map.of("identityNumber", "15038512011")).post("/api/v1/patrons/search")
                .then().statusCode(400).body("field", equalTo("identityNumber"));
    }

    @Test
    void membershipCopyFromMembershipServiceOpensTheFullViewAndIgnoresOlderVersions() {
        String card = PatronApi.registered(TestIdentities.synthetic());
        String id = patronId(card);
        membershipChange(id, BERGEN, "ACTIVE", false, 5);
        as(BERGEN, "patrons.read").get("/api/v1/patrons/" + card).then().body("member", equalTo(true));
        membershipChange(id, BERGEN, "REMOVED", false, 4); // older: ignored
        as(BERGEN, "patrons.read").get("/api/v1/patrons/" + card).then().body("member", equalTo(true));
        membershipChange(id, BERGEN, "ACTIVE", false, 5); // redelivery: harmless
        membershipChange(id, BERGEN, "REMOVED", false, 6);
        as(BERGEN, "patrons.read").get("/api/v1/patrons/" + card).then().body("member", equalTo(false));
        membershipChange(id, BERGEN, "ACTIVE", true, 7); // Bergen becomes home
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + card).then().body("homeLibrary", equalTo(BERGEN));
        // needs the internal scope and audience; malformed changes are 400
        given().auth().oauth2(PatronApi.token(PatronApi.OSLO_CLIENT, "patrons.write")).contentType(ContentType.JSON)
                .body(List.of()).post("/internal/v1/membership-changes").then().statusCode(org.hamcrest.Matchers.oneOf(401, 403));
        given().auth().oauth2(PatronApi.internalToken("membership-service")).contentType(ContentType.JSON)
                .body(List.of(Map.of("patronId", id, "libraryNumber", "12", "state", "ACTIVE", "home", false, "version", 8)))
                .post("/internal/v1/membership-changes").then().statusCode(400).body("field", equalTo("[0].libraryNumber"));
    }

    @Test
    void secretAddressNeverStoredOrShownAndFlagErasesAddress() {
        String card = PatronApi.registered(TestIdentities.synthetic());
        String id = patronId(card);
        as(OSLO, "patrons.write").body(Map.of("addressProtected", true)).patch("/api/v1/patrons/" + card).then()
                .statusCode(200).body("addressProtected", equalTo(true)).body("permanentAddress", nullValue())
                .body(not(containsString("Storgata")));
        assertEquals(1, db.count("select count(*) from patron where address_protected and address_lines is null and address_place is null"));
        as(OSLO, "patrons.write").body(Map.of("permanentAddress",
                        Map.of("streetLines", List.of("Hemmelig vei 2"), "postcode", "0150", "place", "Oslo")))
                .patch("/api/v1/patrons/" + card).then().statusCode(422).body("rule", equalTo("R5"));
        assertEquals(0, db.count("select count(*) from patron where address_lines is not null"));
        as(BERGEN, "patrons.read").get("/api/v1/patrons/" + card).then().body("addressProtected", equalTo(true));
        given().auth().oauth2(PatronApi.internalToken("notification-service")).get("/internal/v1/patrons/" + id + "/contact")
                .then().statusCode(200).body("addressProtected", equalTo(true)).body(not(containsString("Storgata")));
        assertEquals(2, db.count("select count(*) from change_record where patron_id = '" + id + "'"));
    }

    @Test
    void onlyMemberLibrariesChangeAPatron() {
        String card = PatronApi.registered(TestIdentities.synthetic());
        as(BERGEN, "patrons.write").body(Map.of("email", "ny@example.no")).patch("/api/v1/patrons/" + card).then()
                .statusCode(403);
        as(OSLO, "patrons.read").body(Map.of("email", "ny@example.no")).patch("/api/v1/patrons/" + card).then()
                .statusCode(403);
        as(OSLO, "patrons.write").body(Map.of("phones", Map.of("mobile", "99 88 77 66"), "email", "Ny@Example.no"))
                .patch("/api/v1/patrons/" + card).then().statusCode(200)
                .body("phones.mobile", equalTo("+4799887766")).body("email", equalTo("Ny@Example.no"))
                .body("changedBy", equalTo(OSLO));
        as(OSLO, "patrons.write").body(Map.of("fines", 100)).patch("/api/v1/patrons/" + card).then()
                .statusCode(400).body("field", equalTo("fines"));
        as(OSLO, "patrons.write").body(Map.of("phones", Map.of("work", "12"))).patch("/api/v1/patrons/" + card).then()
                .statusCode(400).body("field", equalTo("phones.work"));
    }

    @Test
    void activityMovesForwardOnlyAndUnknownCardIs404() {
        String card = PatronApi.registered(TestIdentities.synthetic());
        String id = patronId(card);
        given().contentType(ContentType.JSON).body(Map.of("cardNumber", card, "kind", "LOAN", "at", "2025-01-01T10:00:00Z"))
                .post("/api/v1/activity").then().statusCode(401);
        as(OSLO, "patrons.read").body(Map.of("cardNumber", card, "kind", "LOAN", "at", "2025-01-01T10:00:00Z"))
                .post("/api/v1/activity").then().statusCode(403);
        as(OSLO, "patrons.write").body(Map.of("cardNumber", card, "kind", "LOAN", "at", "2025-01-01T10:00:00Z"))
                .post("/api/v1/activity").then().statusCode(204);
        given().auth().oauth2(PatronApi.token("partner-filmoteket", "partner.auth")).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", card, "kind", "FILM", "at", "2024-06-01T10:00:00Z"))
                .post("/api/v1/activity").then().statusCode(204);
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + card).then().body("lastActivityAt", equalTo("2025-01-01T10:00:00Z"));
        given().auth().oauth2(PatronApi.internalToken("auth-service")).contentType(ContentType.JSON)
                .body(List.of(Map.of("patronId", id, "kind", "LOGIN", "at", "2025-02-01T10:00:00Z")))
                .post("/internal/v1/activity").then().statusCode(204);
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + card).then().body("lastActivityAt", equalTo("2025-02-01T10:00:00Z"));
        as(OSLO, "patrons.write").body(Map.of("cardNumber", "N999999998", "kind", "LOAN", "at", "2025-01-01T10:00:00Z"))
                .post("/api/v1/activity").then().statusCode(404);
        as(OSLO, "patrons.write").body(Map.of("cardNumber", card, "kind", "BORROW", "at", "2025-01-01T10:00:00Z"))
                .post("/api/v1/activity").then().statusCode(400).body("field", equalTo("kind"));
        as(OSLO, "patrons.write").body(Map.of("cardNumber", card, "kind", "LOAN", "at", "2999-01-01T10:00:00Z"))
                .post("/api/v1/activity").then().statusCode(422).body("field", equalTo("at"));
    }

    @Test
    void internalActivityBatchesMaySkipUnknownCardsInsteadOfRefusingAll() {
        String card = PatronApi.registered(TestIdentities.synthetic());
        String id = patronId(card);
        List<Map<String, String>> batch = List.of(
                Map.of("cardNumber", "N999999998", "kind", "FILM", "at", "2025-03-01T10:00:00Z"),
                Map.of("patronId", java.util.UUID.randomUUID().toString(), "kind", "LOGIN", "at", "2025-03-01T10:00:00Z"),
                Map.of("cardNumber", card, "kind", "FILM", "at", "2025-03-01T10:00:00Z"),
                Map.of("patronId", id, "kind", "LOGIN", "at", "2025-03-02T10:00:00Z"));
        // All or nothing by default: the unknown card refuses the batch and nothing moves.
        given().auth().oauth2(PatronApi.internalToken("auth-service")).contentType(ContentType.JSON).body(batch)
                .post("/internal/v1/activity").then().statusCode(404);
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + card).then().body("lastActivityAt", nullValue());
        given().auth().oauth2(PatronApi.internalToken("auth-service")).contentType(ContentType.JSON).body(batch)
                .post("/internal/v1/activity?unknown=skip").then().statusCode(204);
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + card).then().body("lastActivityAt", equalTo("2025-03-02T10:00:00Z"));
        given().auth().oauth2(PatronApi.internalToken("auth-service")).contentType(ContentType.JSON).body(batch)
                .post("/internal/v1/activity?unknown=keep").then().statusCode(400).body("field", equalTo("unknown"));
    }

    @Test
    void datesBeyondTheYears1To9999Are400NamingTheFieldAndChangeNothing() {
        String card = PatronApi.registered(TestIdentities.synthetic());
        for (String day : new String[] {"-4713-01-01", "+5874898-01-01", "0000-06-01"}) {
            as(OSLO, "patrons.write").body(Map.of("temporaryAddress", Map.of("streetLines", List.of("Hytta"), "postcode", "3580",
                            "place", "Geilo", "validUntil", day)))
                    .patch("/api/v1/patrons/" + card).then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("temporaryAddress.validUntil")).body("rule", containsString("0001..9999"));
        }
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + card).then().statusCode(200).body("temporaryAddress", nullValue());
        as(OSLO, "patrons.write").body(Map.of("cardNumber", card, "kind", "LOAN", "at", "-999999999-01-01T00:00:00Z"))
                .post("/api/v1/activity").then().statusCode(400).body("field", equalTo("at"));
        as(OSLO, "patrons.write").body(List.of(Map.of("cardNumber", card, "kind", "LOAN", "at", "-200000-01-01T00:00:00Z")))
                .post("/api/v1/activity/batch").then().statusCode(400).body("field", equalTo("[0].at"));
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + card).then().body("lastActivityAt", nullValue());
    }

    @Test
    void internalResolveAndContact() {
        String number = TestIdentities.synthetic();
        String card = PatronApi.registered(number);
        String id = patronId(card);
        given().contentType(ContentType.JSON).body(Map.of("cardNumber", card)).post("/internal/v1/patrons/resolve")
                .then().statusCode(401);
        given().auth().oauth2(PatronApi.token(PatronApi.OSLO_CLIENT, "patrons.read")).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", card)).post("/internal/v1/patrons/resolve").then()
                .statusCode(org.hamcrest.Matchers.oneOf(401, 403));
        given().auth().oauth2(PatronApi.internalToken("auth-service")).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", card)).post("/internal/v1/patrons/resolve").then().statusCode(200)
                .body("patronId", equalTo(id)).body("state", equalTo("ACTIVE"))
                .body("birthDateSource", equalTo("IDENTITY_NUMBER"));
        given().auth().oauth2(PatronApi.internalToken("auth-service")).contentType(ContentType.JSON)
                .body(Map.of("identityNumber", number)).post("/internal/v1/patrons/resolve").then().statusCode(200)
                .body("patronId", equalTo(id));
        given().auth().oauth2(PatronApi.internalToken("auth-service")).contentType(ContentType.JSON)
                .body(Map.of()).post("/internal/v1/patrons/resolve").then().statusCode(400);
        given().auth().oauth2(PatronApi.internalToken("notification-service")).get("/internal/v1/patrons/" + id + "/contact")
                .then().statusCode(200).body("email", equalTo("Kari@Example.no")).body("phone", equalTo("+4741234567"))
                .body("preferredChannel", equalTo("EMAIL")).body("language", equalTo("nn"))
                .body("addressProtected", equalTo(false));
        given().auth().oauth2(PatronApi.internalToken("notification-service"))
                .get("/internal/v1/patrons/00000000-0000-0000-0000-000000000000/contact").then().statusCode(404);
    }

    private static String birthYear(String synthetic) {
        int yy = Integer.parseInt(synthetic.substring(4, 6));
        int individual = Integer.parseInt(synthetic.substring(6, 9));
        return String.valueOf(individual >= 500 ? 2000 + yy : 1900 + yy);
    }
}
