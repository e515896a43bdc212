package no.nb.bibliotekkortet.membership;

import static no.nb.bibliotekkortet.membership.support.Api.anonymous;
import static no.nb.bibliotekkortet.membership.support.Api.client;
import static no.nb.bibliotekkortet.membership.support.Api.internal;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import no.nb.bibliotekkortet.common.outbox.OutboxRelay;
import no.nb.bibliotekkortet.membership.support.Api;
import no.nb.bibliotekkortet.membership.support.Sent;
import no.nb.bibliotekkortet.testsupport.RecordingServer;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.Test;

/**
 * The internal contracts of ARCHITECTURE.md through HTTP with a real service token: memberships of a
 * patron, create at registration, merge-from, library entry, erasures and their verification.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = "patron-service,notification-service"))
class InternalApiTest {

    @Inject
    OutboxRelay relay;

    private static String patron() {
        return "p-" + UUID.randomUUID();
    }

    private static void register(String patronId, String library, String mode, int status) {
        internal().body("{\"patronId\": \"" + patronId + "\", \"libraryNumber\": \"" + library + "\", \"mode\": \"" + mode + "\"}")
                .post("/internal/v1/memberships").then().statusCode(status);
    }

    @Test
    void registrationMembershipIsHomeAndIdempotent() {
        String p = patron();
        register(p, "2030000", "IN_PERSON", 201);
        register(p, "2030000", "IN_PERSON", 200);
        register(p, "2030000", "SELF_REGISTERED", 409);
        internal().get("/internal/v1/patrons/" + p + "/memberships").then().statusCode(200).body("$", hasSize(1))
                .body("[0].state", equalTo("ACTIVE")).body("[0].home", equalTo(true)).body("[0].acceptance", equalTo("IN_PERSON"))
                .body("[0].libraryName", equalTo("Deichmanske bibliotek"));
        String q = patron();
        register(q, Api.newLibrary("IN_PERSON", null), "SELF_REGISTERED", 201);
        internal().get("/internal/v1/patrons/" + q + "/memberships").then().body("[0].state", equalTo("PENDING_ACTIVATION"))
                .body("[0].home", equalTo(true));
        register(patron(), "9999991", "IN_PERSON", 404);
        register(patron(), "203", "IN_PERSON", 400);
        internal().body("{\"patronId\": \"" + patron() + "\", \"libraryNumber\": \"2030000\", \"mode\": \"BY_POST\"}")
                .post("/internal/v1/memberships").then().statusCode(400).body("field", equalTo("mode"));
        internal().get("/internal/v1/patrons/" + patron() + "/memberships").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void selfRegistrationFollowsTheLibrarysActivationMode() {
        String digital = Api.newLibrary("DIGITAL", null);
        String inPerson = Api.newLibrary("IN_PERSON", null);
        String p = patron();
        register(p, digital, "SELF_REGISTERED", 201);
        register(p, digital, "SELF_REGISTERED", 200);
        internal().get("/internal/v1/patrons/" + p + "/memberships").then().statusCode(200).body("$", hasSize(1))
                .body("[0].state", equalTo("ACTIVE")).body("[0].home", equalTo(true))
                .body("[0].acceptance", equalTo("DIGITAL")).body("[0].rulesVersion", equalTo(1))
                .body("[0].acceptedAt", org.hamcrest.Matchers.notNullValue());
        String q = patron();
        register(q, inPerson, "SELF_REGISTERED", 201);
        register(q, inPerson, "IN_PERSON", 409);
        internal().get("/internal/v1/patrons/" + q + "/memberships").then().body("$", hasSize(1))
                .body("[0].state", equalTo("PENDING_ACTIVATION")).body("[0].home", equalTo(true))
                .body("[0].acceptance", org.hamcrest.Matchers.nullValue());
        register(patron(), "9999991", "SELF_REGISTERED", 404);
    }

    @Test
    void anotherLibrarysActiveMembershipTellsThePatronItSeesTheFullRecordOnce() {
        String p = patron();
        register(p, "2030000", "IN_PERSON", 201);
        // patron-service links Bergen's local card to the national account: the patron is present.
        register(p, "2120100", "IN_PERSON", 201);
        register(p, "2120100", "IN_PERSON", 200);
        String digital = Api.newLibrary("DIGITAL", null);
        String inPerson = Api.newLibrary("IN_PERSON", null);
        register(p, digital, "SELF_REGISTERED", 201);
        register(p, inPerson, "SELF_REGISTERED", 201);
        String selfRegistered = patron();
        register(selfRegistered, digital, "SELF_REGISTERED", 201);
        relay.drain(Duration.ofSeconds(10));
        RecordingServer notifications = EdgeStubResource.server("notification-service");
        // Before the fix: none. Not for the home membership (the welcome covers it) nor for a pending one.
        List<JsonNode> notes = Sent.fullAccessNotices(notifications, p);
        assertEquals(List.of("Bergen offentlige bibliotek", "Testbibliotek " + digital),
                notes.stream().map(n -> n.at("/params/library").asText()).sorted().toList());
        assertEquals(p, notes.get(0).at("/recipient/patronId").asText());
        assertEquals("PREFERRED", notes.get(0).get("channel").asText());
        assertEquals(List.of(), Sent.fullAccessNotices(notifications, selfRegistered));
    }

    @Test
    void mergeMovesMembershipsAndKeepsTheTargetsHome() {
        String a = patron();
        String b = patron();
        String shared = Api.newLibrary("IN_PERSON", null);
        register(a, "2030000", "IN_PERSON", 201);
        internal().body("{\"patronId\": \"" + a + "\", \"libraryNumber\": \"" + shared + "\", \"mode\": \"SELF_REGISTERED\"}")
                .post("/internal/v1/memberships").then().statusCode(201);
        register(b, "2120100", "IN_PERSON", 201);
        internal().body("{\"patronId\": \"" + b + "\", \"libraryNumber\": \"" + shared + "\", \"mode\": \"IN_PERSON\"}")
                .post("/internal/v1/memberships").then().statusCode(201);
        internal().post("/internal/v1/patrons/" + a + "/merge-from/" + b).then().statusCode(200)
                .body("libraryNumber", containsInAnyOrder("2030000", "2120100", shared))
                .body("findAll { it.home }.libraryNumber", contains("2030000"))
                .body("find { it.libraryNumber == '" + shared + "' }.state", equalTo("ACTIVE"));
        internal().get("/internal/v1/patrons/" + b + "/memberships").then().body("$", hasSize(0));
        internal().post("/internal/v1/patrons/" + a + "/merge-from/" + b).then().statusCode(200).body("$", hasSize(3));
        internal().post("/internal/v1/patrons/" + a + "/merge-from/" + a).then().statusCode(400);
    }

    @Test
    void erasureRemovesEverythingAndVerifyCountsZero() {
        String p = patron();
        register(p, "2030000", "IN_PERSON", 201);
        internal().body("[{\"patronId\": \"" + p + "\", \"identityHash\": \"abc\", \"email\": null, \"phone\": null}]")
                .post("/internal/v1/erasures/verify").then().statusCode(200).body("memberships", equalTo(1));
        internal().body("[\"" + p + "\"]").post("/internal/v1/erasures").then().statusCode(200).body("memberships", equalTo(1));
        internal().body("[\"" + p + "\"]").post("/internal/v1/erasures").then().statusCode(200).body("memberships", equalTo(0));
        internal().body("[{\"patronId\": \"" + p + "\"}]").post("/internal/v1/erasures/verify").then().statusCode(200).body("memberships", equalTo(0));
        internal().body("[]").post("/internal/v1/erasures").then().statusCode(400);
        internal().body("[{\"patronId\": \"" + p + "\", \"name\": \"x\"}]").post("/internal/v1/erasures/verify").then().statusCode(400);
    }

    @Test
    void libraryEntryForServices() {
        internal().get("/internal/v1/libraries/2030000").then().statusCode(200)
                .body("securityLevels", hasSize(3)).body("partnerServices", hasSize(0));
        internal().get("/internal/v1/libraries/9999990").then().statusCode(404);
        internal().get("/internal/v1/libraries/20").then().statusCode(400);
    }

    @Test
    void internalApiNeedsTheInternalScopeAndAudience() {
        anonymous().get("/internal/v1/patrons/x/memberships").then().statusCode(401);
        client(Api.OSLO_CLIENT, "memberships").get("/internal/v1/patrons/x/memberships").then().statusCode(401);
        anonymous().auth().oauth2(no.nb.bibliotekkortet.testsupport.Tokens.idporten("01010112345", "idporten-loa-high"))
                .get("/internal/v1/patrons/x/memberships").then().statusCode(401);
    }
}
