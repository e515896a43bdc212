package no.nb.bibliotekkortet.membership;

import static no.nb.bibliotekkortet.membership.support.Api.admin;
import static no.nb.bibliotekkortet.membership.support.Api.anonymous;
import static no.nb.bibliotekkortet.membership.support.Api.client;
import static no.nb.bibliotekkortet.membership.support.Api.oslo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import no.nb.bibliotekkortet.membership.support.Api;
import no.nb.bibliotekkortet.membership.support.PatronStub;
import no.nb.bibliotekkortet.membership.support.TestDb;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client registry table through HTTP: seeded from config/clients.json, NB's admin API, the internal
 * read, and a change taking effect on the very next call (register → allowed, deactivate → 403).
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = "patron-service,notification-service"))
class ClientRegistryTest {

    /** Gets real tokens from the mock but is not in the seed file. */
    private static final String NEWCOMER = "unregistered-system";

    @Inject
    TestDb db;

    @BeforeEach
    @AfterEach
    void forgetNewcomer() {
        db.execute("delete from client where client_id = '" + NEWCOMER + "'");
    }

    @Test
    void seededFromTheCommittedFile() {
        admin().get("/api/v1/clients").then().statusCode(200).body("clientId", hasItem("library-system-2030000"))
                .body("clientId", hasItem("membership-service"));
        admin().get("/api/v1/clients/library-system-2030000").then().statusCode(200)
                .body("kind", equalTo("LIBRARY_SYSTEM")).body("libraryNumbers", contains("2030000")).body("active", equalTo(true));
        admin().get("/api/v1/clients/partner-cineast").then().body("partnerId", equalTo("cineast"));
    }

    @Test
    void aRegistryChangeTakesEffectOnTheNextCall() {
        var p = PatronStub.newPatron();
        PatronStub.install();
        String body = "{\"cardNumber\": \"" + p.cardNumber() + "\"}";
        client(NEWCOMER, "memberships").body(body).post("/api/v1/libraries/2030000/memberships").then().statusCode(403)
                .body("type", equalTo("https://bibliotekkortet.no/problems/unknown-client"));
        admin().body("{\"clientId\": \"" + NEWCOMER + "\", \"kind\": \"LIBRARY_SYSTEM\", \"name\": \"New system\", "
                + "\"libraryNumbers\": [\"2030000\"]}").post("/api/v1/clients").then().statusCode(201)
                .header("Location", equalTo("/api/v1/clients/" + NEWCOMER)).body("active", equalTo(true));
        client(NEWCOMER, "memberships").body(body).post("/api/v1/libraries/2030000/memberships").then().statusCode(201);
        client(NEWCOMER, "memberships").body(body).post("/api/v1/libraries/2120100/memberships").then().statusCode(403);
        admin().body("{\"kind\": \"LIBRARY_SYSTEM\", \"libraryNumbers\": [\"2030000\", \"2120100\"], \"active\": true}")
                .put("/api/v1/clients/" + NEWCOMER).then().statusCode(200).body("libraryNumbers", org.hamcrest.Matchers.containsInAnyOrder("2030000", "2120100"));
        client(NEWCOMER, "memberships").body(body).post("/api/v1/libraries/2120100/memberships").then().statusCode(201);
        admin().delete("/api/v1/clients/" + NEWCOMER).then().statusCode(200).body("active", equalTo(false));
        client(NEWCOMER, "memberships").body(body).post("/api/v1/libraries/2030000/memberships").then().statusCode(403);
        Api.internal().get("/internal/v1/clients/" + NEWCOMER).then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void internalReadForServices() {
        Api.internal().get("/internal/v1/clients/door-system-2030000").then().statusCode(200)
                .body("kind", equalTo("DOOR_SYSTEM")).body("libraryNumbers", contains("2030000"));
        Api.internal().get("/internal/v1/clients/nobody").then().statusCode(404);
        oslo().get("/internal/v1/clients/door-system-2030000").then().statusCode(401);
        anonymous().get("/internal/v1/clients/door-system-2030000").then().statusCode(401);
        anonymous().auth().oauth2(Tokens.maskinporten("patron-service", "memberships")).get("/internal/v1/clients/nb-backoffice")
                .then().statusCode(401);
    }

    /** Services get their internal tokens with Maskinporten's JWT grant only (docs/security.md, "Service to service"). */
    @Test
    void aServiceTokenFromTheOldSharedSecretGrantIsRefused() {
        anonymous().auth().oauth2(Tokens.internalWithClientSecret("patron-service"))
                .get("/internal/v1/clients/door-system-2030000").then().statusCode(401);
    }

    @Test
    void adminApiErrors() {
        anonymous().get("/api/v1/clients").then().statusCode(401);
        oslo().get("/api/v1/clients").then().statusCode(403);
        client(Api.OSLO_CLIENT, "admin").get("/api/v1/clients").then().statusCode(403);
        admin().get("/api/v1/clients/nobody").then().statusCode(404);
        admin().body("{\"kind\": \"LIBRARY_SYSTEM\", \"libraryNumbers\": [\"2030000\"], \"active\": true}").put("/api/v1/clients/nobody").then().statusCode(404);
        admin().delete("/api/v1/clients/nobody").then().statusCode(404);
        admin().body("{\"clientId\": \"library-system-2030000\", \"kind\": \"LIBRARY_SYSTEM\", \"libraryNumbers\": [\"2030000\"]}")
                .post("/api/v1/clients").then().statusCode(409);
        admin().body("{\"clientId\": \"x1\", \"kind\": \"LIBRARY_SYSTEM\", \"libraryNumbers\": [\"203\"]}")
                .post("/api/v1/clients").then().statusCode(400).body("field", equalTo("libraryNumbers"));
        admin().body("{\"clientId\": \"x1\", \"kind\": \"ROBOT\"}").post("/api/v1/clients").then().statusCode(400).body("field", equalTo("kind"));
        admin().body("{\"clientId\": \"x1\", \"kind\": \"PARTNER\"}").post("/api/v1/clients").then().statusCode(400).body("field", equalTo("partnerId"));
        admin().body("{\"clientId\": \"x1\", \"kind\": \"ADMIN\", \"secret\": \"s\"}").post("/api/v1/clients").then().statusCode(400).body("field", equalTo("secret"));
    }
}
