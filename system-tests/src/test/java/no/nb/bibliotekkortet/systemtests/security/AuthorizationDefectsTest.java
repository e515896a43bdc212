package no.nb.bibliotekkortet.systemtests.security;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.systemtests.support.Suite.INTERNAL_AUDIENCE;
import static no.nb.bibliotekkortet.systemtests.support.Suite.PUBLIC_AUDIENCE;
import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.Suite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14: each authorization defect found by the attacker's probe, as it was found, through the gateway (and for
 * {@code /internal} on the service's port). Each of these passed before the fix: a scope alone granted the operation.
 */
@RunningSuite
class AuthorizationDefectsTest {

    private static final String OSLO = "2030000";

    @Test
    void aBackOfficeScopeOnAnotherKindOfClientUnregistersNobody() {
        String card = Suite.registerPatron("defect-" + UUID.randomUUID().toString().substring(0, 8) + "@example.no", "4827");
        String site = maskinporten("selfservice-web", "admin");
        refused(gateway(site).body("{\"cardNumber\": \"" + card + "\", \"reason\": \"probe\"}")
                .post("/api/v1/admin/unregistrations").then());
        refused(gateway(site).body("[{\"identityNumber\": \"" + SyntheticIdentityNumbers.next() + "\"}]").post("/api/v1/admin/erasure-checks").then());
        refused(gateway(site).get("/api/v1/partners").then());
        refused(gateway(maskinporten("library-system-2030000", "admin")).get("/api/v1/partners/filmoteket").then());
        // the patron is still there
        gateway(maskinporten("library-system-2030000", "patrons.read")).header("Library-Number", OSLO)
                .get("/api/v1/patrons/" + card).then().statusCode(200);
        // and the back office itself still may
        gateway(maskinporten(Suite.ADMIN, "admin")).get("/api/v1/partners").then().statusCode(200);
    }

    @Test
    void aDoorSystemIsNotALibrarySystemAndALibrarySystemIsNotADoor() {
        String card = Suite.registerPatron("door-" + UUID.randomUUID().toString().substring(0, 8) + "@example.no", "4827");
        String door = maskinporten("door-system-2030000", "patrons.read", "patrons.write", "series", "memberships");
        refused(gateway(door).header("Library-Number", OSLO).get("/api/v1/patrons/" + card).then());
        refused(gateway(door).header("Library-Number", OSLO).body("{\"count\": 10}").post("/api/v1/number-series").then());
        refused(gateway(door).body("{\"cardNumber\": \"" + card + "\"}").post("/api/v1/libraries/" + OSLO + "/memberships").then());
        refused(gateway(door).header("Library-Number", OSLO).body("{\"cardNumber\": \"" + card + "\"}")
                .post("/api/v1/patron-credentials/resets").then());
        refused(gateway(maskinporten("library-system-2030000", "door")).body("{\"cardNumber\": \"" + card + "\", \"pin\": \"4827\"}")
                .post("/api/v1/open-library/" + OSLO + "/door-access").then());
        // the door with its own scope is served
        gateway(maskinporten("door-system-2030000", "door")).body("{\"cardNumber\": \"" + card + "\", \"pin\": \"4827\"}")
                .post("/api/v1/open-library/" + OSLO + "/door-access").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nb-backoffice", "library-system-2030000", "partner-filmoteket", "selfservice-web", "biblioteksok"})
    void onlyTheRegistersOwnServicesCallInternalOperations(String client) {
        String token = Suite.mockToken("maskinporten", client, new String[] {"internal", "admin", "patrons.read"},
                INTERNAL_AUDIENCE, Map.of());
        String resolve = "{\"identityNumber\": \"" + SyntheticIdentityNumbers.next() + "\"}";
        refused(given().baseUri(Suite.serviceUrl("patron-service")).contentType(ContentType.JSON).auth().oauth2(token)
                .body(resolve).post("/internal/v1/patrons/resolve").then());
        refused(given().baseUri(Suite.serviceUrl("membership-service")).auth().oauth2(token)
                .get("/internal/v1/clients/nb-backoffice").then());
        refused(given().baseUri(Suite.serviceUrl("notification-service")).contentType(ContentType.JSON).auth().oauth2(token)
                .body("[]").post("/internal/v1/erasures").then());
        // a service is served
        given().baseUri(Suite.serviceUrl("patron-service")).contentType(ContentType.JSON).auth().oauth2(Suite.internal("auth-service"))
                .body(resolve).post("/internal/v1/patrons/resolve").then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"idporten-loa-low", "urn:made-up:level", "nlsso-loa-high"})
    void aCitizenLoginBelowTheAcceptedLevelsIsRefusedOnEveryServicesOwnOperations(String acr) {
        String token = Suite.mockToken("idporten", "selfservice-web", new String[0], PUBLIC_AUDIENCE,
                Map.of("pid", SyntheticIdentityNumbers.next(), "acr", acr));
        levelRefused(gateway(token).get("/api/v1/me").then());
        levelRefused(gateway(token).get("/api/v1/me/memberships").then());
        levelRefused(gateway(token).body("{\"libraryNumber\": \"" + OSLO + "\"}").put("/api/v1/me/home-library").then());
        levelRefused(gateway(token).get("/api/v1/me/credentials").then());
        levelRefused(gateway(token).body("{\"securityLevel\": \"nlsso-loa-low\"}").put("/api/v1/me/credentials/security-level").then());
        levelRefused(gateway(token).body("{\"purpose\": \"change-pin\", \"channel\": \"EMAIL\"}").post("/api/v1/otp").then());
        levelRefused(gateway(token).get("/api/v1/me/card").then());
    }

    private static void refused(ValidatableResponse response) {
        response.statusCode(403).contentType("application/problem+json")
                .body("type", endsWith("/operation-not-allowed"));
    }

    private static void levelRefused(ValidatableResponse response) {
        response.statusCode(403).contentType("application/problem+json")
                .body("type", endsWith("/login-level-not-accepted")).body("field", equalTo("acr"))
                .body("rule", anyOf(equalTo("idporten-loa-substantial|idporten-loa-high")));
    }
}
