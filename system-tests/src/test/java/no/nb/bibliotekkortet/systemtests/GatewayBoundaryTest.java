package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.gatewayUrl;
import static no.nb.bibliotekkortet.systemtests.support.Suite.internal;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
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
    @ValueSource(strings = {"/internal/v1/clients/nb-backoffice", "/internal/v1/libraries/2030000",
        "/internal/v1/notifications/00000000-0000-0000-0000-000000000000", "/internal", "/q/health", "/q/health/ready",
        "/q/metrics", "/q/openapi", "/q", "/api", "/api/v1/unknown", "/api/v1/number-seriesX"})
    void unroutedPathsAreNotFound(String path) {
        gateway(internal("patron-service")).get(path).then().statusCode(404);
    }

    /** The internal paths probed above do exist on the services: the 404s are the gateway's, not the services'. */
    @org.junit.jupiter.api.Test
    void theProbedInternalPathsExistBehindTheGateway() {
        io.restassured.RestAssured.given().baseUri(no.nb.bibliotekkortet.systemtests.support.Suite.serviceUrl("membership-service"))
                .auth().oauth2(internal("patron-service")).get("/internal/v1/clients/nb-backoffice").then().statusCode(200);
        io.restassured.RestAssured.given().baseUri(no.nb.bibliotekkortet.systemtests.support.Suite.serviceUrl("membership-service"))
                .auth().oauth2(internal("patron-service")).get("/internal/v1/libraries/2030000").then().statusCode(200);
    }

    @org.junit.jupiter.api.Test
    void theGatewaysOwnErrorsAreProblemDocuments() {
        String tooLong = "/api/v1/unknown/" + "a".repeat(20_000); // no operation's path: the gateway's own limit
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

    /**
     * An identity number sent in a URL by mistake (as a path segment, or a query value) is refused by the gateway
     * before a service or nginx's body check reads the request, so it reaches neither log; an 11-digit path segment
     * is masked in the access log. Opaque cursors and card numbers still pass.
     */
    @org.junit.jupiter.api.Test
    void identityNumbersInAUrlAreRefusedAndNeverLogged() throws Exception {
        String inPath = SyntheticIdentityNumbers.bornOn(LocalDate.of(1981, 4, 12));
        String inQuery = SyntheticIdentityNumbers.bornOn(LocalDate.of(1979, 9, 30));
        String token = maskinporten("library-system-2030000", "patrons.read");
        gateway(token).header("Library-Number", "2030000").get("/api/v1/patrons/" + inPath).then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/identity-number-in-url"));
        // over the 1 MB limit: without the refusal nginx would log "client intended to send too large body" with
        // the request line
        gateway(token).header("Library-Number", "2030000").contentType("application/json").body(new byte[1_200_000])
                .post("/api/v1/patrons/search?identityNumber=" + inQuery).then().statusCode(400)
                .body("type", endsWith("/identity-number-in-url"));
        gateway(token).header("Library-Number", "2030000").get("/api/v1/changes?after=MTIzOjQ1&limit=10")
                .then().body("type", anyOf(nullValue(), not(endsWith("/identity-number-in-url"))));
        gateway(token).header("Library-Number", "2030000").get("/api/v1/patrons/N000000011").then()
                .statusCode(anyOf(equalTo(200), equalTo(404)));

        Path logs = ProjectFiles.root().resolve(".run/nginx");
        String access = Files.readString(logs.resolve("access.log"));
        String errors = Files.readString(logs.resolve("error.log"));
        for (String number : new String[] {inPath, inQuery}) {
            assertFalse(access.contains(number), "identity number in the gateway's access log");
            assertFalse(errors.contains(number), "identity number in the gateway's error log");
        }
        assertTrue(access.contains("\"path\":\"/api/v1/patrons/[11 digits]\""), "the masked path is logged");
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

    /**
     * Issue 14: every answer of the gateway is a problem document, whatever the client sends: a method the API does
     * not use, a path between the services' and nginx's line limits, a malformed query escape, an odd
     * Transfer-Encoding, HTTP/1.0 without Host.
     */
    @org.junit.jupiter.api.Test
    void oddRequestsGetProblemDocumentsToo() throws Exception {
        for (String method : new String[] {"TRACE", "PROPFIND", "CONNECT", "FOO"}) {
            String answer = raw(method + " /api/v1/number-series HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertProblem(answer, method);
        }
        assertProblem(raw("GET /api/v1/number-series/" + "a".repeat(6_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), "6 KB path");
        assertProblem(raw("GET /api/v1/number-series/" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), "9 KB path");
        assertProblem(raw("GET /api/v1/libraries?name=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), "bad escape");
        assertProblem(raw("POST /api/v1/number-series HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip, chunked\r\n"
                + "Connection: close\r\n\r\n0\r\n\r\n"), "odd transfer encoding");
        assertProblem(raw("POST /api/v1/number-series HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: identity\r\n"
                + "Connection: close\r\n\r\n"), "identity transfer encoding");
        assertProblem(raw("GET /api/v1/number-series HTTP/1.0\r\n\r\n"), "HTTP/1.0 without Host");
    }

    private static void assertProblem(String answer, String what) {
        String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))).toLowerCase(java.util.Locale.ROOT);
        org.junit.jupiter.api.Assertions.assertTrue(head.contains("content-type: application/problem+json"),
                what + ": not a problem document: " + answer.substring(0, Math.min(answer.length(), 400)));
        org.junit.jupiter.api.Assertions.assertFalse(answer.contains("\"stack\""), what + ": a stack trace");
    }

    /** Sends bytes as they are to the gateway and reads the whole answer (the request says Connection: close). */
    private static String raw(String request) throws Exception {
        java.net.URI gateway = java.net.URI.create(gatewayUrl());
        try (java.net.Socket socket = new java.net.Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
