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
}
