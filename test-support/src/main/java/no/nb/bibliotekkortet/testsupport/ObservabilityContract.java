package no.nb.bibliotekkortet.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

/**
 * What every service answers for operations (ARCHITECTURE.md, "Health and metrics"): liveness, readiness
 * (including the database), startup, Prometheus metrics and the OpenAPI document without a token; anything
 * under {@code /internal} only with one. Each service has one {@code ObservabilityTest} extending this, with
 * {@code @QuarkusTest} and its own test resources.
 */
public abstract class ObservabilityContract {

    /** A path this service's OpenAPI document must describe, e.g. {@code /api/v1/patrons}. */
    protected abstract String documentedPath();

    @Test
    void healthMetricsAndOpenApiNeedNoToken() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body(containsString("Database connections health check"));
        given().get("/q/health/started").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"))
                .body(containsString("http_server_requests"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"))
                .body(containsString(documentedPath()));
    }

    @Test
    void internalPathsNeedAToken() {
        given().get("/internal/v1/anything").then().statusCode(401);
    }

    /**
     * A 401 for a missing, non-Bearer or malformed credential is a problem document (the HTTP layer refuses these
     * before any resource); a well-formed token whose signature does not verify is refused with 401 too.
     */
    @Test
    void refusedCredentialsGet401AndMostAProblemDocument() {
        for (String authorization : new String[] {null, "Bearer garbage", "Basic dXNlcjpwdw==", "Bearer a.b"}) {
            for (String path : new String[] {documentedPath(), "/internal/v1/anything"}) {
                var request = given();
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                request.get(path).then().statusCode(401).contentType("application/problem+json")
                        .header("WWW-Authenticate", containsString("Bearer"))
                        .body("type", org.hamcrest.Matchers.endsWith("/unauthorized")).body("status", org.hamcrest.Matchers.equalTo(401));
            }
        }
        String valid = Tokens.maskinporten("library-system-2030000", "patrons.read");
        for (String token : new String[] {Tokens.tampered(valid, "client_id", "library-system-2120100"), Tokens.algNone(valid)}) {
            given().header("Authorization", "Bearer " + token).get(documentedPath()).then().statusCode(401);
        }
    }
}
