package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.Suite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, traces: a trace started at the gateway for a staff registration has spans in patron-service,
 * numberseries-service, membership-service and, through patron-service's outbox, notification-service; a request
 * without a {@code traceparent} gets one at the gateway (trace id = the gateway's request id); the gateway's access log
 * is JSON and never holds a query string. The services export their spans over OTLP/HTTP to scripts/run.sh's collector
 * stand-in (local-edge TraceCollectorStub, env {@code TRACE_COLLECTOR_URL}, default http://127.0.0.1:4318), which this
 * test asks for the spans of a trace. Spans are exported in batches (every 0.5 s locally) and the outbox is polled
 * every second: the waits below are generous (the machine may be busy), never tight.
 */
@RunningSuite
class TracingSliceTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_MILLIS = 90_000;

    private static String collectorUrl() {
        String url = System.getenv().getOrDefault("TRACE_COLLECTOR_URL", "http://127.0.0.1:4318");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static List<JsonNode> spans(String traceId) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(collectorUrl() + "/spans?traceId=" + traceId))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(response.body()).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("the trace collector stand-in does not answer at " + collectorUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the trace's spans satisfy {@code done}; returns them (fails with what was seen after the wait). */
    private static List<JsonNode> awaitSpans(String traceId, Predicate<List<JsonNode>> done, String what) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        List<JsonNode> seen = spans(traceId);
        while (!done.test(seen) && System.currentTimeMillis() < deadline) {
            Suite.sleepQuietly(500);
            seen = spans(traceId);
        }
        if (!done.test(seen)) {
            fail(what + " within " + WAIT_MILLIS / 1000 + " s; spans of trace " + traceId + ": " + seen);
        }
        return seen;
    }

    private static Set<String> services(List<JsonNode> spans) {
        Set<String> services = new TreeSet<>();
        spans.forEach(s -> services.add(s.path("service").asText()));
        return services;
    }

    /**
     * notification-service's SERVER span whose parent is patron-service's outbox delivery span (CLIENT
     * {@code POST /internal/v1/notifications}): the asynchronous hop continued the trace. Null while not (yet) exported.
     */
    private static JsonNode relayedNotice(List<JsonNode> spans) {
        for (JsonNode relay : spans) {
            if (relay.path("service").asText().equals("patron-service") && relay.path("kind").asText().equals("CLIENT")
                    && relay.path("name").asText().equals("POST /internal/v1/notifications")) {
                for (JsonNode received : spans) {
                    if (received.path("service").asText().equals("notification-service")
                            && received.path("kind").asText().equals("SERVER")
                            && received.path("parentSpanId").asText().equals(relay.path("spanId").asText())) {
                        return received;
                    }
                }
            }
        }
        return null;
    }

    @Test
    void aStaffRegistrationIsOneTraceFromTheGatewayThroughTheOutboxToNotificationService() {
        String series = maskinporten("library-system-2030000", "series");
        String card = gateway(series).header("Library-Number", "2030000").body("{\"count\": 10}")
                .post("/api/v1/number-series").then().statusCode(201).extract().path("first");
        String traceId = hex(16);
        String callerSpan = hex(8);
        String body = """
                {"identityNumber": "%s", "givenNames": "Sporet", "surname": "Nordmann",
                 "permanentAddress": {"streetLines": ["Storgata 1"], "postcode": "0150", "place": "Oslo"},
                 "email": "sporet@example.no", "language": "nb", "cardNumber": "%s"}"""
                .formatted(SyntheticIdentityNumbers.next(), card);
        String token = maskinporten("library-system-2030000", "patrons.write");
        Suite.retrying503(() -> gateway(token).header("Library-Number", "2030000")
                        .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01").body(body).post("/api/v1/patrons"))
                .then().statusCode(201);

        Set<String> expected = Set.of("patron-service", "numberseries-service", "membership-service", "notification-service");
        // Each service exports its spans in its own batches: wait for the whole picture, not just the first spans.
        List<JsonNode> spans = awaitSpans(traceId, s -> services(s).containsAll(expected) && relayedNotice(s) != null,
                "spans of patron-service, numberseries-service, membership-service and, through the outbox, notification-service");

        JsonNode registration = spans.stream().filter(s -> s.path("service").asText().equals("patron-service")
                && s.path("kind").asText().equals("SERVER") && s.path("name").asText().contains("/api/v1/patrons")).findFirst()
                .orElseThrow(() -> new AssertionError("no server span of the registration: " + spans));
        assertEquals(callerSpan, registration.path("parentSpanId").asText(), "the gateway passed the caller's traceparent on");
        assertTrue(spans.stream().anyMatch(s -> s.path("service").asText().equals("numberseries-service")
                && s.path("kind").asText().equals("SERVER")), "numberseries-service's server span: " + spans);
        assertTrue(spans.stream().anyMatch(s -> s.path("service").asText().equals("membership-service")
                && s.path("name").asText().equals("POST /internal/v1/memberships")), "membership-service's server span: " + spans);
        assertEquals("POST /internal/v1/notifications", relayedNotice(spans).path("name").asText());
        for (JsonNode span : spans) {
            assertEquals(traceId, span.path("traceId").asText());
        }
    }

    @Test
    void aRequestWithoutATraceparentStartsATraceAtTheGatewayWithItsRequestIdAndIsLoggedAsJson() throws IOException {
        String token = maskinporten("library-system-2030000", "series");
        // A query parameter the operation may not know (a 400 is as good as a 200 here: the log line is what counts).
        io.restassured.response.Response response = gateway(token).header("Library-Number", "2030000")
                .queryParam("note", "private-query-value").get("/api/v1/number-series");
        assertTrue(response.statusCode() < 500, response.asString());
        String requestId = response.header("X-Request-Id");
        assertTrue(requestId != null && requestId.matches("[0-9a-f]{32}"), "the gateway's request id: " + requestId);

        List<JsonNode> spans = awaitSpans(requestId, s -> services(s).contains("numberseries-service"),
                "a span of numberseries-service with the gateway's request id as trace id");
        assertFalse(spans.isEmpty());

        // The gateway's access log: JSON, with the request id, trace id, status and upstream time, no query string.
        Path log = ProjectFiles.root().resolve(".run/nginx/access.log");
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode line = null;
        while (line == null && System.currentTimeMillis() < deadline) {
            for (String text : Files.readAllLines(log)) {
                assertFalse(text.contains("private-query-value"), "the access log holds a query string: " + text);
                if (text.contains(requestId)) {
                    line = JSON.readTree(text);
                }
            }
            if (line == null) {
                Suite.sleepQuietly(200);
            }
        }
        assertTrue(line != null, "no access log line for request " + requestId);
        assertEquals(requestId, line.path("requestId").asText());
        assertEquals(requestId, line.path("traceId").asText());
        assertEquals("GET", line.path("method").asText());
        assertEquals("/api/v1/number-series", line.path("path").asText());
        assertEquals(response.statusCode(), line.path("status").asInt());
        assertTrue(line.path("upstreamTime").asText().matches("[0-9.]+"), line.toString());
    }
}
