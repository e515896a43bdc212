package no.nb.bibliotekkortet.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.Suite;
import org.junit.jupiter.api.Test;

/**
 * Service-to-service tokens (issue 17; docs/security.md, "Service to service"): the local suite's Maskinporten
 * issues a service's internal token only through the JWT grant (an assertion, no shared secret) that the services
 * use in production too; a token a service obtains with the old client-credentials grant and shared secret is
 * refused by every service. Calls membership-service's client registry contract directly on its port (env
 * {@code MEMBERSHIP_URL}, default http://localhost:8082): the gateway never routes {@code /internal}.
 */
@RunningSuite
class ServiceTokensSliceTest {

    private static final String MEMBERSHIP = System.getenv().getOrDefault("MEMBERSHIP_URL", "http://localhost:8082");

    @Test
    void theJwtGrantsTokenIsAcceptedForInternalCalls() {
        given().baseUri(MEMBERSHIP).auth().oauth2(Suite.internal("patron-service"))
                .get("/internal/v1/clients/patron-service").then().statusCode(200).body("kind", equalTo("SERVICE"));
    }

    @Test
    void theOldSharedSecretGrantIsRefused() {
        given().baseUri(MEMBERSHIP).auth().oauth2(Suite.internalWithClientSecret("patron-service"))
                .get("/internal/v1/clients/patron-service").then().statusCode(401);
    }
}
