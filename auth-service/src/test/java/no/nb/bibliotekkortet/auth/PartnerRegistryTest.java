package no.nb.bibliotekkortet.auth;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import org.junit.jupiter.api.Test;

/** The partner registry under /api/v1/partners (NB's back office, scope admin). */
@QuarkusTest
class PartnerRegistryTest extends AuthTestBase {

    @Test
    void adminRegistersListsAndReadsPartners() {
        String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = Map.of("partnerId", id, "name", "Testfilm", "kind", "FILM",
                "ageThresholds", List.of(18, 15, 15), "requiresPayingLibrary", true);
        io.restassured.RestAssured.given().contentType("application/json").body(body).post("/api/v1/partners")
                .then().statusCode(401);
        Fixtures.as("partner-filmoteket", "partner.auth").body(body).post("/api/v1/partners").then().statusCode(403);
        Fixtures.as("nb-backoffice", "admin").body(body).post("/api/v1/partners").then().statusCode(201)
                .header("Location", equalTo("/api/v1/partners/" + id)).body("ageThresholds", equalTo(List.of(15, 18)));
        Fixtures.as("nb-backoffice", "admin").body(body).post("/api/v1/partners").then().statusCode(409);
        Fixtures.as("nb-backoffice", "admin").get("/api/v1/partners/" + id).then().statusCode(200)
                .body("kind", equalTo("FILM")).body("requiresPayingLibrary", equalTo(true));
        Fixtures.as("nb-backoffice", "admin").get("/api/v1/partners").then().statusCode(200)
                .body("partnerId", hasItem(id));
        Fixtures.as("nb-backoffice", "admin").get("/api/v1/partners/nobody").then().statusCode(404);
    }

    @Test
    void invalidRegistrationsAre400WithTheField() {
        Map<String, Object> ok = Map.of("partnerId", "x-valid", "name", "X", "kind", "EBOOK",
                "ageThresholds", List.of(), "requiresPayingLibrary", false);
        check(with(ok, "partnerId", "Not Valid!"), "partnerId");
        check(with(ok, "name", " "), "name");
        check(with(ok, "ageThresholds", List.of(0)), "ageThresholds");
        check(with(ok, "requiresPayingLibrary", null), "requiresPayingLibrary");
        Fixtures.as("nb-backoffice", "admin").body(with(ok, "kind", "MUSIC")).post("/api/v1/partners").then().statusCode(400);
        Fixtures.as("nb-backoffice", "admin").body(with(ok, "unknown", 1)).post("/api/v1/partners").then().statusCode(400);
        Fixtures.as("nb-backoffice", "admin").body(ok).put("/api/v1/partners/other-id").then().statusCode(400)
                .body("field", equalTo("partnerId"));
    }

    private static void check(Map<String, Object> body, String field) {
        Fixtures.as("nb-backoffice", "admin").body(body).post("/api/v1/partners").then().statusCode(400)
                .body("field", equalTo(field));
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
