package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.gatewayUrl;
import static no.nb.bibliotekkortet.systemtests.support.Suite.internal;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway never exposes internal contracts or Quarkus' management endpoints (ARCHITECTURE.md,
 * "Gateway"): /internal/... and /q/... answer 404 even with a valid service token, and encoded or dot-dot
 * paths cannot reach them either.
 */
@RunningSuite
class GatewayBoundaryTest {

    @ParameterizedTest
    @ValueSource(strings = {"/internal/numbers", "/internal", "/q/health", "/q/health/ready", "/q/metrics",
        "/q/openapi", "/q", "/", "/api/v1/unknown", "/api/v1/number-seriesX"})
    void unroutedPathsAreNotFound(String path) {
        gateway(internal("patron-service")).get(path).then().statusCode(404);
    }

    @org.junit.jupiter.api.Test
    void theGatewaysOwnErrorsAreProblemDocuments() {
        String tooLong = "/api/v1/number-series/" + "a".repeat(20_000);
        String hugeHeader = "1".repeat(10_000);
        byte[] tooLarge = new byte[2_000_000];
        gateway(internal("patron-service")).get("/api/v1/unknown").then().statusCode(404)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("/not-found"));
        gateway(internal("patron-service")).get("/.gateway-errors/400").then().statusCode(404)
                .contentType("application/problem+json");
        io.restassured.RestAssured.given().baseUri(gatewayUrl()).urlEncodingEnabled(false).get(tooLong).then().statusCode(414)
                .contentType("application/problem+json").body("status", equalTo(414));
        io.restassured.RestAssured.given().baseUri(gatewayUrl()).header("Library-Number", hugeHeader)
                .get("/api/v1/number-series").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400));
        io.restassured.RestAssured.given().baseUri(gatewayUrl()).contentType("application/json").body(tooLarge)
                .post("/api/v1/number-series").then().statusCode(413)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("/payload-too-large"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/number-series/..%2F..%2F..%2Finternal/numbers",
        "/api/v1/number-series/%2e%2e/%2e%2e/%2e%2e/q/health", "/api/v1/number-series/../../../q/metrics"})
    void traversalDoesNotReachInternalPaths(String path) {
        gateway(internal("patron-service"))
                .urlEncodingEnabled(false)
                .get(path)
                .then().statusCode(anyOf(equalTo(400), equalTo(404)));
    }
}
