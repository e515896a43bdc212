package no.nb.bibliotekkortet.patron;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static no.nb.bibliotekkortet.patron.support.PatronApi.as;
import static no.nb.bibliotekkortet.patron.support.PatronApi.register;
import static no.nb.bibliotekkortet.patron.support.PatronApi.registration;
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
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.StubbedServicesTest;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RecordingServer;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Registration by staff (R6, R7, R8, R5) through HTTP with real tokens, against real PostgreSQL and real HTTP
 * stubs of numberseries, membership, auth and notification.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class PatronRegistrationTest extends StubbedServicesTest {

    @Test
    void needsATokenTheWriteScopeAndTheRightLibrary() {
        Map<String, Object> body = registration(TestIdentities.synthetic());
        given().contentType("application/json").header("Library-Number", OSLO).body(body).post("/api/v1/patrons")
                .then().statusCode(401);
        given().auth().oauth2(Tokens.expired(PatronApi.OSLO_CLIENT, "patrons.write")).contentType("application/json")
                .header("Library-Number", OSLO).body(body).post("/api/v1/patrons").then().statusCode(401);
        as(OSLO, "patrons.read").body(body).post("/api/v1/patrons").then().statusCode(403);
        given().auth().oauth2(PatronApi.token(PatronApi.BERGEN_CLIENT, "patrons.write")).contentType("application/json")
                .header("Library-Number", OSLO).body(body).post("/api/v1/patrons").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(PatronApi.token(PatronApi.OSLO_CLIENT, "patrons.write")).contentType("application/json")
                .body(body).post("/api/v1/patrons").then().statusCode(400).body("field", equalTo("Library-Number"));
        assertEquals(0, db.count("select count(*) from patron"));
    }

    @Test
    void printedCardFromTheLibrarysSeriesHomeMembershipPinAndWelcome() throws Exception {
        String card = PatronApi.freshCardNumber();
        Map<String, Object> body = registration(TestIdentities.synthetic());
        body.put("cardNumber", card);
        body.put("pin", "1234");
        String patronId = register(body).statusCode(201)
                .header("Location", equalTo("/api/v1/patrons/" + card))
                .body("cards[0].cardNumber", equalTo(card)).body("cards[0].kind", equalTo("PRINTED"))
                .body("homeLibrary", equalTo(OSLO)).body("member", equalTo(true))
                .body("birthDateSource", equalTo("IDENTITY_NUMBER"))
                .body("name.display", equalTo("Nordmann, Kari Ánde"))
                .body("phones.mobile", equalTo("+4741234567"))
                .body("permanentAddress.postcode", equalTo("0150"))
                .body("createdBy", equalTo(OSLO))
                .body("identityNumber", nullValue())
                .extract().path("patronId");

        JsonNode issue = JSON.readTree(numberSeries.requests("/internal/v1/card-numbers/" + card + "/issue").get(0).body());
        assertEquals(OSLO, issue.get("libraryNumber").asText());
        assertTrue(issue.get("requestId").asText().length() > 10);
        RecordingServer.Recorded created = membership.requests("/internal/v1/memberships").get(0);
        JsonNode m = JSON.readTree(created.body());
        assertEquals(patronId, m.get("patronId").asText());
        assertEquals("IN_PERSON", m.get("mode").asText());
        assertEquals(OSLO, m.get("libraryNumber").asText());
        assertEquals(3, m.size(), "membership-service's contract: {patronId, libraryNumber, mode}");
        assertTrue(created.header("Authorization").startsWith("Bearer "), "service token (OIDC client filter)");
        assertEquals("{\"pin\":\"1234\"}", auth.requests("/internal/v1/patrons/" + patronId + "/credentials").get(0).body());

        // identity number stored only encrypted + keyed hash; change record names the library
        assertEquals(1, db.count("select count(*) from patron where identity_key_id = 'test-1' and length(identity_hash) = 32"));
        assertEquals(1, db.count("select count(*) from change_record where kind = 'CREATED' and library_numbers = '{2030000}'"));

        relay.deliverDue();
        JsonNode welcome = JSON.readTree(notification.requests("/internal/v1/notifications").get(0).body());
        assertEquals("welcome", welcome.get("template").asText());
        assertEquals("nn", welcome.get("language").asText());
        assertEquals("PREFERRED", welcome.get("channel").asText());
        assertEquals(patronId, welcome.at("/recipient/patronId").asText());
        assertEquals("welcome-" + patronId, welcome.get("idempotencyKey").asText());
        assertEquals(card, welcome.at("/params/cardNumber").asText());
        assertEquals("Deichman Bjørvika", welcome.at("/params/homeLibrary").asText(), "the library's name, not its number");
    }

    @Test
    void withoutACardNumberADigitalNumberIsAllocated() {
        register(registration(TestIdentities.synthetic())).statusCode(201).body("cards[0].kind", equalTo("DIGITAL"));
        assertEquals(1, numberSeries.requests("/internal/v1/digital-card-numbers").size());
    }

    @Test
    void aPrintedNumberAPatronHereHoldsIs409WithoutAskingNumberseries() {
        String held = register(registration(TestIdentities.synthetic())).statusCode(201).extract().path("cards[0].cardNumber");
        numberSeries.clear();
        Map<String, Object> body = registration(TestIdentities.synthetic());
        body.put("cardNumber", held);
        register(body).statusCode(409).contentType("application/problem+json")
                .body("type", containsString("card-number-taken")).body("field", equalTo("cardNumber"));
        assertEquals(0, numberSeries.requests().size(), "numberseries not asked");
        assertEquals(1, db.count("select count(*) from patron"));
    }

    @Test
    void aDigitalNumberAlreadyHeldHereIsLeftAllocatedAndAnotherIsAskedFor() throws Exception {
        String held = register(registration(TestIdentities.synthetic())).statusCode(201).extract().path("cards[0].cardNumber");
        String fresh = PatronApi.freshCardNumber();
        List<String> answers = new ArrayList<>(List.of(held, fresh));
        numberSeries.answer("/internal/v1/digital-card-numbers", r -> new RecordingServer.Answer(201,
                "{\"cardNumber\":\"" + answers.remove(0) + "\",\"state\":\"ISSUED\"}"));
        numberSeries.clear();
        register(registration(TestIdentities.synthetic())).statusCode(201).body("cards[0].cardNumber", equalTo(fresh));
        List<RecordingServer.Recorded> allocations = numberSeries.requests("/internal/v1/digital-card-numbers");
        assertEquals(2, allocations.size());
        assertTrue(!allocations.get(0).body().equals(allocations.get(1).body()), "a new request id for the second number");
        assertEquals(0, numberSeries.requests("/internal/v1/card-numbers/" + held + "/release").size(),
                "the held number is not released (it would be handed out again)");
        assertEquals(1, db.count("select count(*) from card where card_number = '" + held + "'"));
    }

    @Test
    void onlyHeldDigitalNumbersIs503AfterThreeAndRegistersNothing() {
        String held = register(registration(TestIdentities.synthetic())).statusCode(201).extract().path("cards[0].cardNumber");
        numberSeries.answer("/internal/v1/digital-card-numbers", 201, "{\"cardNumber\":\"" + held + "\",\"state\":\"ISSUED\"}");
        numberSeries.clear();
        membership.clear();
        register(registration(TestIdentities.synthetic())).statusCode(503).contentType("application/problem+json")
                .body("type", containsString("card-number-unavailable")).header("Retry-After", equalTo("60"));
        assertEquals(3, numberSeries.requests("/internal/v1/digital-card-numbers").size());
        assertEquals(0, membership.requests("/internal/v1/memberships").size(), "no membership asked for");
        assertEquals(1, db.count("select count(*) from patron"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"15038512010", "24067810208", "01060551053", "17085591010", "12908840087"})
    void everyValidVectorOfDomainMdRegisters(String identityNumber) {
        register(registration(identityNumber)).statusCode(201).body("birthDateSource", equalTo("IDENTITY_NUMBER"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"61079023050", "71120170044", "43847520044"})
    void dNumbersNeedTheBirthDateVerifiedInPerson(String identityNumber) {
        register(registration(identityNumber)).statusCode(400).body("field", equalTo("birthDate"));
        Map<String, Object> body = registration(identityNumber);
        body.put("birthDate", "1990-07-21");
        register(body).statusCode(201).body("birthDate", equalTo("1990-07-21"))
                .body("birthDateSource", equalTo("VERIFIED_IN_PERSON"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"61079023067", "15038512011", "24067810217", "12938820021", "1503851201", "1503851201A",
            "15038 12010"})
    void invalidVectorsAre400NamingTheFieldAndNeverEchoTheNumber(String identityNumber) {
        register(registration(identityNumber)).statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("identityNumber")).body(not(containsString(identityNumber)));
        assertEquals(0, db.count("select count(*) from patron"));
        assertEquals(0, numberSeries.requests().size(), "nothing issued for invalid input");
    }

    @Test
    void dufNumberRefusedWithTheLocalCardMessage() {
        register(registration("201512345678")).statusCode(422).body("field", equalTo("identityNumber"))
                .body("rule", equalTo("R7")).body("detail", containsString("local card"));
    }

    @Test
    void monthPlus40Refused() {
        String helpNumber = null;
        for (int i = 100; helpNumber == null; i++) {
            helpNumber = TestIdentities.withCheckDigits("1543851" + (i % 100 < 10 ? "0" : "") + (i % 100));
        }
        register(registration(helpNumber)).statusCode(422).body("field", equalTo("identityNumber"))
                .body("type", containsString("identity-number-refused"));
    }

    @Test
    void duplicateIdentityNumberIs409NamingOnlyTheExistingCard() {
        String number = TestIdentities.synthetic();
        String first = PatronApi.registered(number);
        numberSeries.clear();
        Map<String, Object> again = registration(number);
        again.put("givenNames", "Other");
        register(again).statusCode(409).body("detail", containsString(first))
                .body(not(containsString(number))).body(not(containsString("Nordmann")));
        assertEquals(1, db.count("select count(*) from patron"));
        assertEquals(0, numberSeries.requests().size(), "no number issued for a known person");
    }

    @Test
    void twoConcurrentRegistrationsOfOnePersonExactlyOneSucceeds() throws Exception {
        String number = TestIdentities.synthetic();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Callable<Integer> call = () -> {
                start.await();
                return register(registration(number)).extract().statusCode();
            };
            results.add(pool.submit(call));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get());
        }
        pool.shutdown();
        statuses.sort(Integer::compareTo);
        assertEquals(List.of(201, 409), statuses);
        assertEquals(1, db.count("select count(*) from patron"));
        assertEquals(1, db.count("select count(*) from card"));
    }

    @Test
    void numberOutsideTheSeriesIs422AndTakenIs409() {
        String outside = PatronApi.freshCardNumber();
        numberSeries.answer("/internal/v1/card-numbers/" + outside + "/issue", 422,
                "{\"type\":\"x\",\"title\":\"outside\",\"status\":422}");
        Map<String, Object> body = registration(TestIdentities.synthetic());
        body.put("cardNumber", outside);
        register(body).statusCode(422).contentType("application/problem+json").body("field", equalTo("cardNumber"));
        String taken = PatronApi.freshCardNumber();
        numberSeries.answer("/internal/v1/card-numbers/" + taken + "/issue", 409, "{\"status\":409}");
        body.put("cardNumber", taken);
        register(body).statusCode(409).contentType("application/problem+json").body("field", equalTo("cardNumber"));
        assertEquals(0, db.count("select count(*) from patron"));
        assertEquals(0, membership.requests("/internal/v1/memberships").size(), "no membership (only the library lookup)");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404})
    void numberSeriesRefusingTheNumberIs422NeverA503(int status) {
        String card = PatronApi.freshCardNumber();
        numberSeries.answer("/internal/v1/card-numbers/" + card + "/issue", status, "{\"status\":" + status + "}");
        Map<String, Object> body = registration(TestIdentities.synthetic());
        body.put("cardNumber", card);
        register(body).statusCode(422).contentType("application/problem+json")
                .body("type", containsString("card-number-outside-series")).body("field", equalTo("cardNumber"))
                .header("Retry-After", nullValue());
        assertEquals(0, db.count("select count(*) from patron"));
    }

    @Test
    void membershipFailureLeavesNoPatronAndReleasesTheNumber() throws Exception {
        membership.answer("/internal/v1/memberships", 500, null);
        assertAllOrNothing();
    }

    @Test
    void authFailureLeavesNoPatronAndReleasesTheNumber() throws Exception {
        auth.answerAll(500);
        assertAllOrNothing();
    }

    @Test
    void numberSeriesFailureLeavesNothing() {
        String card = PatronApi.freshCardNumber();
        numberSeries.answer("/internal/v1/card-numbers/" + card + "/issue", 500, null);
        Map<String, Object> body = registration(TestIdentities.synthetic());
        body.put("cardNumber", card);
        register(body).statusCode(503).contentType("application/problem+json");
        assertEquals(0, db.count("select count(*) from patron"));
        assertEquals(0, membership.requests("/internal/v1/memberships").size(), "no membership (only the library lookup)");
    }

    @Test
    void staffRegistrationTakesAPinOf4To6Digits() throws Exception {
        Map<String, Object> six = registration(TestIdentities.synthetic());
        six.put("pin", "482731");
        String patronId = register(six).statusCode(201).extract().path("patronId");
        assertTrue(auth.requests().stream().anyMatch(r -> r.body().contains("482731")
                        && (r.body().contains(patronId) || r.path().contains(patronId))),
                "the 6-digit PIN goes to auth-service");
        for (String pin : new String[] {"123", "1234567", "12a4", ""}) {
            Map<String, Object> body = registration(TestIdentities.synthetic());
            body.put("pin", pin);
            register(body).statusCode(400).body("field", equalTo("pin")).body("rule", equalTo("4 to 6 digits"));
        }
    }

    @Test
    void aPatronWithoutAnyContactIsRefusedNamingTheRule() {
        Map<String, Object> body = registration(TestIdentities.synthetic());
        body.remove("email");
        body.remove("phones");
        body.remove("preferredChannel");
        register(body).statusCode(400).body("field", equalTo("email"))
                .body("rule", equalTo("an e-mail address or a mobile phone"));
    }

    private void assertAllOrNothing() throws Exception {
        String card = PatronApi.freshCardNumber();
        String number = TestIdentities.synthetic();
        Map<String, Object> body = registration(number);
        body.put("cardNumber", card);
        body.put("pin", "4321");
        register(body).statusCode(503).contentType("application/problem+json").body(not(containsString(number)));
        assertEquals(0, db.count("select count(*) from patron"));
        assertEquals(0, db.count("select count(*) from card"));
        assertEquals(0, db.count("select count(*) from change_record"));
        String issued = JSON.readTree(numberSeries.requests("/internal/v1/card-numbers/" + card + "/issue").get(0).body())
                .get("requestId").asText();
        List<RecordingServer.Recorded> releases = numberSeries.requests("/internal/v1/card-numbers/" + card + "/release");
        assertEquals(1, releases.size(), "the issued number is released");
        assertEquals(issued, JSON.readTree(releases.get(0).body()).get("requestId").asText());
        relay.deliverDue();
        assertEquals(0, notification.requests().size(), "no welcome for a patron that does not exist");
        assertEquals(1, membership.requests("/internal/v1/erasures").size(), "membership asked to erase");
        // the same person can register afterwards: nothing was left behind
        PatronApi.resetStubs();
        register(registration(number)).statusCode(201);
    }

    @Test
    void unknownFieldsAre400AndLoansAreNeverStored() {
        Map<String, Object> body = registration(TestIdentities.synthetic());
        body.put("loans", List.of(Map.of("title", "Sofies verden")));
        register(body).statusCode(400).body("field", equalTo("loans"));
        assertEquals(0, db.count("select count(*) from patron"));
    }

    @Test
    void contactDataIsNormalised() {
        Map<String, Object> body = registration(TestIdentities.synthetic());
        body.put("givenNames", Normalizer.normalize("Máret Čáhppes", Normalizer.Form.NFD));
        body.put("surname", "Ŋeaidi-Šiellat");
        body.put("phones", Map.of("mobile", "+47 412 34 567", "home", "0047 22 33 44 55"));
        body.put("email", "Same.Family@Example.NO");
        register(body).statusCode(201).body("phones.mobile", equalTo("+4741234567"))
                .body("phones.home", equalTo("+4722334455"))
                .body("name.givenNames", equalTo("Máret Čáhppes")).body("name.surname", equalTo("Ŋeaidi-Šiellat"));
        // family members may share an e-mail address (not unique, case-insensitive)
        Map<String, Object> sibling = registration(TestIdentities.synthetic());
        sibling.put("email", "same.family@example.no");
        register(sibling).statusCode(201);
        assertEquals(2, db.count("select count(*) from patron where lower(email) = 'same.family@example.no'"));
    }

    @Test
    void invalidContactDataIs400NamingTheFieldAndWritesNothing() {
        Map<String, Object> body = registration(TestIdentities.synthetic());
        body.put("phones", Map.of("mobile", "123"));
        register(body).statusCode(400).body("field", equalTo("phones.mobile"));
        body = registration(TestIdentities.synthetic());
        body.put("permanentAddress", Map.of("streetLines", List.of("Storgata 1"), "postcode", "150", "place", "Oslo"));
        register(body).statusCode(400).body("field", equalTo("permanentAddress.postcode"));
        body = registration(TestIdentities.synthetic());
        body.put("permanentAddress", Map.of("streetLines", List.of("Storgata 1"), "postcode", 150, "place", "Oslo"));
        register(body).statusCode(400).body("field", equalTo("permanentAddress.postcode"));
        body = registration(TestIdentities.synthetic());
        body.put("surname", "R2D2");
        register(body).statusCode(400).body("field", equalTo("surname"));
        body = registration(TestIdentities.synthetic());
        body.put("email", "not-an-address");
        register(body).statusCode(400).body("field", equalTo("email"));
        body = registration(TestIdentities.synthetic());
        body.put("language", "sv");
        register(body).statusCode(400).body("field", equalTo("language"));
        assertEquals(0, db.count("select count(*) from patron"));
        assertEquals(0, numberSeries.requests().size());
    }

    @Test
    void secretAddressWithAnAddressIs422AndNothingStored() {
        Map<String, Object> body = registration(TestIdentities.synthetic());
        body.put("addressProtected", true);
        register(body).statusCode(422).body("field", equalTo("permanentAddress")).body("rule", equalTo("R5"));
        assertEquals(0, db.count("select count(*) from patron"));
        body.remove("permanentAddress");
        register(body).statusCode(201).body("addressProtected", equalTo(true)).body("permanentAddress", nullValue());
        assertEquals(1, db.count("select count(*) from patron where address_protected and address_lines is null "
                + "and address_postcode is null and address_place is null"));
    }

    @Test
    void aTemporaryAddressThatHasEndedIs422AndTodayIsAccepted() {
        clock.set(java.time.Instant.parse("2026-03-10T23:30:00Z")); // 11 March in Oslo
        Map<String, Object> body = registration(TestIdentities.synthetic());
        body.put("temporaryAddress", Map.of("streetLines", List.of("Hytteveien 1"), "postcode", "3550", "place", "Gol",
                "validUntil", "2026-03-10"));
        register(body).statusCode(422).contentType("application/problem+json")
                .body("type", containsString("temporary-address-ended"))
                .body("field", equalTo("temporaryAddress.validUntil")).body("rule", equalTo("today or later (Europe/Oslo)"));
        assertEquals(0, db.count("select count(*) from patron"));
        assertEquals(0, numberSeries.requests().size(), "nothing issued");
        body.put("temporaryAddress", Map.of("streetLines", List.of("Hytteveien 1"), "postcode", "3550", "place", "Gol",
                "validUntil", "2026-03-11"));
        register(body).statusCode(201).body("temporaryAddress.validUntil", equalTo("2026-03-11"));
    }
}
