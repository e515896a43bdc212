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

    /** This service's {@code GET} operations that accept auth-service's patron tokens (none by default). */
    protected java.util.List<String> patronTokenPaths() {
        return java.util.List.of();
    }

    /**
     * Issue 14: an auth-service patron token that expired, was tampered with (claim changed, signature kept, or
     * {@code alg: none}), or was issued for another audience is refused with 401 on every operation that takes
     * patron tokens; the same token unspoilt is not (whatever the operation then answers for an unknown patron).
     */
    @Test
    void badPatronTokensAre401() {
        String patronId = java.util.UUID.randomUUID().toString();
        String good = Tokens.patron(patronId, "nlsso-loa-low");
        java.util.Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("expired", Tokens.expiredPatron(patronId, "nlsso-loa-low"));
        bad.put("tampered", Tokens.tampered(good, "sub", java.util.UUID.randomUUID().toString()));
        bad.put("alg none", Tokens.algNone(good));
        bad.put("internal audience", Tokens.patronForAudience(patronId, "nlsso-loa-low", Tokens.INTERNAL_AUDIENCE));
        bad.put("foreign audience", Tokens.patronForAudience(patronId, "nlsso-loa-low", "https://someone-else.example"));
        for (String path : patronTokenPaths()) {
            for (var token : bad.entrySet()) {
                org.junit.jupiter.api.Assertions.assertEquals(401, given().auth().oauth2(token.getValue()).get(path).statusCode(),
                        token.getKey() + " patron token on " + path);
            }
            int status = given().auth().oauth2(good).get(path).statusCode();
            org.junit.jupiter.api.Assertions.assertTrue(status != 401 && status != 403, "good patron token on " + path + ": " + status);
        }
    }

    /**
     * Series (name and labels exactly as Prometheus shows them, e.g.
     * {@code register_lockouts_started_total{kind="hard"}}) that must be exported from start, before any event, so that
     * a dashboard shows 0 rather than "no data" (docs/observability.md). Default none.
     */
    protected java.util.List<String> seriesFromStart() {
        return java.util.List.of();
    }

    /**
     * Besides the service's own series: the connection pool gauges and the HTTP latency buckets that the dashboards
     * and alerts use (docs/observability.md).
     */
    @Test
    void businessSeriesExistFromStart() {
        given().get(documentedPath()).then().statusCode(401);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String series : new String[] {"agroal_awaiting_count", "agroal_active_count", "agroal_max_used_count"}) {
            org.junit.jupiter.api.Assertions.assertTrue(metrics.contains(series + "{"), series + " missing from /q/metrics");
        }
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("http_server_requests_seconds_bucket{")
                && metrics.contains("le=\"1.0\""), "HTTP latency buckets missing from /q/metrics");
        for (String series : seriesFromStart()) {
            // a sample line, not only its # HELP / # TYPE line
            org.junit.jupiter.api.Assertions.assertTrue(metrics.lines().anyMatch(l -> l.startsWith(series + " ")
                    || !series.contains("{") && l.startsWith(series + "{")), series + " missing from /q/metrics");
        }
    }

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
            given().header("Authorization", "Bearer " + token).get(documentedPath()).then().statusCode(401)
                    .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        }
        // RFC 6750: a refused token's challenge says why, naming the audience this API expects, never the token's.
        String foreign = Tokens.wrongAudience("library-system-2030000", "patrons.read");
        given().header("Authorization", "Bearer " + foreign).get(documentedPath()).then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .header("WWW-Authenticate", containsString("audience must include "
                        + (documentedPath().startsWith("/internal/") ? Tokens.INTERNAL_AUDIENCE : Tokens.PUBLIC_AUDIENCE)))
                .header("WWW-Authenticate", org.hamcrest.Matchers.not(containsString("someone-else")));
        given().header("Authorization", "Bearer " + Tokens.expired("library-system-2030000", "patrons.read"))
                .get(documentedPath()).then().statusCode(401)
                .header("WWW-Authenticate", containsString("expired"));
        given().get(documentedPath()).then().statusCode(401).header("WWW-Authenticate", equalToBearerRealm());
    }

    private static org.hamcrest.Matcher<String> equalToBearerRealm() {
        return org.hamcrest.Matchers.equalTo("Bearer realm=\"bibliotekkortet\"");
    }

    /**
     * Issue 14: the HTTP metrics' {@code uri} label is a route template or a fixed bucket whatever the answer, so
     * 1 000 requests without a token to random paths carrying card numbers, patron ids and attacker-chosen strings
     * add no series, and none of those values appears in {@code /q/metrics}.
     */
    @Test
    void metricLabelsStayBoundedAndAnonymousUnderRandomPaths() {
        java.util.Random random = new java.util.Random(14);
        String[] prefixes = {"/api/v1/patrons/", "/api/v1/admin/patrons/", "/internal/v1/patrons/", "/api/v1/clients/",
            "/api/v1/libraries/", "/api/v1/number-series/", "/api/v1/unknown/", "/x/"};
        java.util.function.IntFunction<String> identifier = i -> switch (i % 3) {
            case 0 -> "N" + String.format("%09d", random.nextInt(1_000_000_000));
            case 1 -> java.util.UUID.randomUUID().toString();
            default -> "probe" + random.nextInt(1_000_000);
        };
        java.util.function.BiFunction<Integer, String, String> path = (i, id) ->
                prefixes[i % prefixes.length] + id + (i % 3 == 2 ? "%20x" : "") + (i % 2 == 0 ? "/replacement-card" : "");
        // Every (method, status, bucket) combination once: each shape of path the loop below sends (its prefix,
        // identifier kind and suffix repeat every 24), by both methods, with and without a token.
        for (int i = 0; i < 24; i++) {
            String p = path.apply(i, identifier.apply(i));
            given().urlEncodingEnabled(false).get(p);
            given().urlEncodingEnabled(false).post(p);
            given().urlEncodingEnabled(false).header("Authorization", "Bearer a.b.c").get(p);
            given().urlEncodingEnabled(false).header("Authorization", "Bearer a.b.c").post(p);
        }
        long before = requestSeries();
        java.util.List<String> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String id = identifier.apply(i);
            String p = path.apply(i, id);
            sent.add(id);
            var request = given().urlEncodingEnabled(false);
            if (i % 2 == 1) {
                request.header("Authorization", "Bearer a.b.c");
            }
            if (i % 4 < 2) {
                request.get(p);
            } else {
                request.post(p);
            }
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(before, requestSeries(), "new http_server_requests series");
        for (String value : sent) {
            org.junit.jupiter.api.Assertions.assertFalse(metrics.contains(value), "metrics name " + value);
        }
    }

    private static long requestSeries() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_count{")).count();
    }
}
