package no.nb.bibliotekkortet.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.Test;

/** Health (incl. the database), Prometheus metrics and the OpenAPI document answer without a token. */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification_test"))
@QuarkusTestResource(EdgeServers.class)
class ObservabilityTest {

    @Test
    void healthMetricsAndOpenApiNeedNoToken() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body(containsString("Database connections health check"));
        given().get("/q/health/started").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }

    @Test
    void internalPathsNeedAToken() {
        given().get("/internal/v1/anything").then().statusCode(401);
    }
}
