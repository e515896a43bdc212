package no.nb.bibliotekkortet.patron.lifecycle;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.patron.lifecycle.LifecycleFixture.admin;
import static no.nb.bibliotekkortet.patron.lifecycle.LifecycleFixture.erased;
import static no.nb.bibliotekkortet.patron.lifecycle.LifecycleFixture.notices;
import static no.nb.bibliotekkortet.patron.lifecycle.LifecycleFixture.retired;
import static no.nb.bibliotekkortet.patron.support.Citizens.citizen;
import static no.nb.bibliotekkortet.patron.support.PatronApi.BERGEN;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static no.nb.bibliotekkortet.patron.support.PatronApi.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.common.outbox.OutboxRelay;
import no.nb.bibliotekkortet.patron.support.Citizens;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unregistration (R20) through HTTP with real tokens: the answer and the {@code unregistered} notice list the
 * libraries; every effect reaches the other services through the outbox (also after a service was down); the
 * card number then answers 404 and resolve answers not found; nothing is left (patron-service's verify and the
 * admin check over every service); the same identity number registers again with a new card number; staff 403,
 * admin with a recorded reason.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class UnregistrationTest {

    @Inject
    LifecycleFixture fx;

    @Inject
    OutboxRelay relay;

    @BeforeEach
    void reset() {
        fx.reset();
    }

    /** A self-registered patron at Oslo who is also a member at Bergen; returns {patronId, cardNumber}. */
    private String[] patronAtTwoLibraries(String pid) {
        String patronId = Citizens.selfRegistered(pid, OSLO);
        LifecycleFixture.member(patronId, BERGEN, 1);
        String card = citizen(pid).get("/api/v1/me").then().statusCode(200).extract().path("cards[0].cardNumber");
        fx.drain();
        for (String s : PatronApi.STUBS.split(",")) {
            EdgeStubResource.server(s).clear();
        }
        return new String[] {patronId, card};
    }

    @Test
    void thePatronUnregistersAndEveryEffectHappens() {
        String pid = TestIdentities.synthetic();
        String[] p = patronAtTwoLibraries(pid);

        citizen(pid).delete("/api/v1/me").then().statusCode(200)
                .body("patronId", equalTo(p[0]))
                .body("retiredCardNumbers", containsInAnyOrder(p[1]))
                .body("libraries.libraryNumber", containsInAnyOrder(OSLO, BERGEN))
                .body("libraries.name", containsInAnyOrder("Deichman Bjørvika", "Bergen offentlige bibliotek"))
                .body("message", containsString("Loans, fines or claims"));

        // Gone at once in patron-service: card lookup 404, resolve not found, own record 404.
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + p[1]).then().statusCode(404);
        assertNull(LifecycleFixture.resolve(p[1]));
        citizen(pid).get("/api/v1/me").then().statusCode(404);
        assertEquals(1, fx.count("select count(*) from change_record where kind = 'DELETED' and patron_id = '" + p[0]
                + "' and card_numbers = '{" + p[1] + "}' and changed_by = 'SELF'"), "the tombstone carries only the card numbers");
        assertEquals(0, fx.count("select count(*) from patron_library where patron_id = '" + p[0] + "'"));

        fx.drain();
        List<JsonNode> notice = notices("unregistered");
        assertEquals(1, notice.size());
        assertEquals("Kari.Nordmann@Example.no", notice.get(0).path("recipient").path("email").asText());
        assertEquals("+4741234567", notice.get(0).path("recipient").path("phone").asText());
        assertEquals(List.of("Deichman Bjørvika", "Bergen offentlige bibliotek"),
                List.of(notice.get(0).path("params").path("libraries").get(0).asText(),
                        notice.get(0).path("params").path("libraries").get(1).asText()));
        assertEquals(List.of(p[0]), erased("membership-service"));
        assertEquals(List.of(p[0]), erased("auth-service"));
        assertEquals(List.of(p[0]), erased("notification-service"));
        assertEquals(List.of(p[1]), retired());

        // Nothing left: the admin check over every service (stubs answer 0) and patron-service's own count.
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(List.of(Map.of("identityNumber", pid, "patronId", p[0], "email", "kari.nordmann@example.no",
                        "phone", "41234567", "givenNames", "Kari", "surname", "Nordmann")))
                .post("/api/v1/admin/erasure-checks").then().statusCode(200)
                .body("total", equalTo(0)).body("clean", equalTo(true))
                .body("held.patron-service", equalTo(0)).body("held.membership-service", equalTo(0));
        JsonNode asked = LifecycleFixture.bodies("notification-service", "/internal/v1/erasures/verify").get(0).get(0);
        assertEquals(p[0], asked.path("patronId").asText());
        assertEquals(44, asked.path("identityHash").asText().length());
        assertTrue(!asked.toString().contains(pid), "the identity number never leaves patron-service");

        // The same person may register again and gets a new card number.
        String again = Citizens.selfRegistered(pid, OSLO);
        assertNotEquals(p[0], again);
        String newCard = citizen(pid).get("/api/v1/me").then().statusCode(200).extract().path("cards[0].cardNumber");
        assertNotEquals(p[1], newCard);
    }

    @Test
    void theOwnVerifyCountsWhatIsHeldBeforeAndNothingAfter() {
        String pid = TestIdentities.synthetic();
        String[] p = patronAtTwoLibraries(pid);
        var verify = Map.of("patronId", p[0], "email", "KARI.NORDMANN@example.no", "phone", "+4741234567");
        long before = given().auth().oauth2(PatronApi.internalToken("notification-service")).contentType(ContentType.JSON)
                .body(List.of(verify)).post("/internal/v1/erasures/verify").then().statusCode(200).extract()
                .jsonPath().getLong("held");
        assertTrue(before >= 4, "patron, card, two memberships: " + before);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(List.of(Map.of("identityNumber", pid, "patronId", p[0])))
                .post("/api/v1/admin/erasure-checks").then().statusCode(200).body("clean", equalTo(false));

        citizen(pid).post("/api/v1/me/unregistration").then().statusCode(200);
        given().auth().oauth2(PatronApi.internalToken("notification-service")).contentType(ContentType.JSON)
                .body(List.of(verify)).post("/internal/v1/erasures/verify").then().statusCode(200).body("held", equalTo(0));
    }

    @Test
    void effectsReachAServiceThatWasDownDuringTheFirstDelivery() throws Exception {
        String pid = TestIdentities.synthetic();
        String[] p = patronAtTwoLibraries(pid);
        EdgeStubResource.server("numberseries-service").answerAll(503);
        EdgeStubResource.server("auth-service").answerAll(503);
        citizen(pid).delete("/api/v1/me").then().statusCode(200);
        relay.deliverDue();
        assertTrue(relay.pending() >= 2, "undelivered rows are kept");
        EdgeStubResource.server("numberseries-service").answerAll(200);
        EdgeStubResource.server("auth-service").answerAll(204);
        Thread.sleep(100);
        fx.drain();
        assertEquals(0, relay.pending());
        assertTrue(retired().contains(p[1]));
        assertTrue(erased("auth-service").contains(p[0]));
    }

    @Test
    void onlyTheCitizenThemselfOrAnAdminMayUnregister() {
        String pid = TestIdentities.synthetic();
        String[] p = patronAtTwoLibraries(pid);
        given().delete("/api/v1/me").then().statusCode(401);
        as(OSLO, "patrons.write").delete("/api/v1/me").then().statusCode(403);
        Citizens.patron(p[0], "nlsso-loa-substantial").delete("/api/v1/me").then().statusCode(403);
        citizen(pid, "idporten-loa-low").delete("/api/v1/me").then().statusCode(403);
        as(OSLO, "patrons.write").body(Map.of("cardNumber", p[1], "reason", "staff try"))
                .post("/api/v1/admin/unregistrations").then().statusCode(403);
        as(OSLO, "patrons.write").body(List.of(Map.of("identityNumber", pid)))
                .post("/api/v1/admin/erasure-checks").then().statusCode(403);
        citizen(TestIdentities.synthetic()).delete("/api/v1/me").then().statusCode(404).body("type", containsString("not-registered"));
        assertEquals(p[0], LifecycleFixture.resolve(p[1]), "nothing was deleted");

        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("cardNumber", p[1]))
                .post("/api/v1/admin/unregistrations").then().statusCode(400).body("field", equalTo("reason"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("cardNumber", p[1], "reason", "x", "extra", 1))
                .post("/api/v1/admin/unregistrations").then().statusCode(400);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", p[1], "reason", "Court order 2025-17"))
                .post("/api/v1/admin/unregistrations").then().statusCode(200)
                .body("libraries.libraryNumber", containsInAnyOrder(OSLO, BERGEN));
        assertNull(LifecycleFixture.resolve(p[1]));
        assertEquals("Court order 2025-17", String.valueOf(fx.count("select count(*) from erasure_log where cause = 'ADMIN' "
                + "and erased_by = 'nb-backoffice' and reason = 'Court order 2025-17'") == 1 ? "Court order 2025-17" : "missing"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", p[1], "reason", "again"))
                .post("/api/v1/admin/unregistrations").then().statusCode(404);
    }

    @Test
    void theErasureCheckRefusesBadInput() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(List.of())
                .post("/api/v1/admin/erasure-checks").then().statusCode(400);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(List.of(Map.of("identityNumber", "12345678901")))
                .post("/api/v1/admin/erasure-checks").then().statusCode(400).body("field", equalTo("[0].identityNumber"))
                .body(org.hamcrest.Matchers.not(containsString("12345678901")));
        given().auth().oauth2(Tokens.internalAudience("auth-service", "admin")).contentType(ContentType.JSON)
                .body(List.of(Map.of("patronId", java.util.UUID.randomUUID().toString())))
                .post("/internal/v1/erasures/verify").then().statusCode(403);
        given().contentType(ContentType.JSON).body(List.of(Map.of("patronId", java.util.UUID.randomUUID().toString())))
                .post("/internal/v1/erasures/verify").then().statusCode(401);
    }
}
