package no.nb.bibliotekkortet.patron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.common.outbox.Outbox;
import no.nb.bibliotekkortet.common.outbox.OutboxRelay;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RecordingServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared transactional outbox, exercised in a real service against real PostgreSQL, a real token
 * from the mock OAuth2 server and a real HTTP stub of the receiving service.
 */
@QuarkusTest
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = "outbox-test-sink"))
class OutboxRelayTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    RecordingServer sink;

    @BeforeEach
    void reset() {
        sink = EdgeStubResource.server("outbox-test-sink");
        sink.clear();
        sink.answerAll(202);
        while (relay.pending() > 0) {
            relay.deliverDue();
        }
        sink.clear();
    }

    @Inject
    io.opentelemetry.api.trace.Tracer tracer;

    /**
     * Issue 18: the row keeps the traceparent of the request that wrote it, and its delivery is a span of that trace
     * (a child of the writer's span, with its own span id), so the receiver continues the same trace.
     */
    @Test
    void deliveryContinuesTheTraceOfTheRequestThatWroteTheMessage() {
        io.opentelemetry.api.trace.Span request = tracer.spanBuilder("a request").startSpan();
        String traceId = request.getSpanContext().getTraceId();
        try (io.opentelemetry.context.Scope ignored = request.makeCurrent()) {
            QuarkusTransaction.requiringNew().run(() ->
                    outbox.enqueue("outbox-test-sink", "/internal/v1/traced", Map.of("n", 7)));
        } finally {
            request.end();
        }
        QuarkusTransaction.requiringNew().run(() ->
                outbox.enqueue("outbox-test-sink", "/internal/v1/untraced", Map.of("n", 8)));
        relay.deliverDue();

        String traced = sink.requests("/internal/v1/traced").get(0).header("traceparent");
        assertNotNull(traced, "the delivery carries a traceparent");
        assertTrue(traced.matches("00-" + traceId + "-[0-9a-f]{16}-01"), traced);
        assertTrue(!traced.contains(request.getSpanContext().getSpanId()), "the relay's own span is the receiver's parent");
        String untraced = sink.requests("/internal/v1/untraced").get(0).header("traceparent");
        assertNotNull(untraced, "a message written outside a trace is delivered in a trace of its own");
        assertTrue(untraced.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01") && !untraced.contains(traceId), untraced);
    }

    @Test
    void rolledBackTransactionSendsNothing() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                outbox.enqueue("outbox-test-sink", "/internal/v1/things", Map.of("n", 1));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the state change failed, so its message must be gone too
        }
        relay.deliverDue();
        assertEquals(0, sink.requests().size());
    }

    @Test
    void deliversWithServiceTokenAndIdempotencyKeyThenDeletes() throws Exception {
        long id = QuarkusTransaction.requiringNew().call(() ->
                outbox.enqueue("outbox-test-sink", "/internal/v1/things", Map.of("n", 2)));
        relay.deliverDue();
        RecordingServer.Recorded request = sink.requests("/internal/v1/things").get(0);
        assertEquals(Map.of("n", 2), new ObjectMapper().readValue(request.body(), Map.class));
        assertEquals("patron-service-outbox-" + id, request.header("Idempotency-Key"));
        assertNotNull(request.header("Authorization"));
        assertTrue(request.header("Authorization").startsWith("Bearer "));
        assertEquals(0, relay.pending());
    }

    @Test
    void failedDeliveryIsKeptAndRetriedUntilTheReceiverAnswers() throws InterruptedException {
        sink.answerAll(503);
        QuarkusTransaction.requiringNew().run(() ->
                outbox.enqueue("outbox-test-sink", "/internal/v1/things", Map.of("n", 3)));
        relay.deliverDue();
        assertEquals(1, relay.pending());
        sink.answerAll(202);
        long deadline = System.currentTimeMillis() + 10_000;
        while (relay.pending() > 0 && System.currentTimeMillis() < deadline) {
            relay.deliverDue();
            Thread.sleep(20);
        }
        assertEquals(0, relay.pending());
        assertEquals(2, sink.requests("/internal/v1/things").size(), "one failed attempt, one delivery");
    }

    @Test
    void oneBatchIsSentConcurrentlyAndEachMessageKeepsItsOwnOutcome() {
        sink.answer("/internal/v1/refused", 503, "{}");
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 20; i++) {
                outbox.enqueue("outbox-test-sink", i % 5 == 4 ? "/internal/v1/refused" : "/internal/v1/things", Map.of("n", i));
            }
        });
        assertEquals(20, relay.deliverDue());
        assertEquals(16, sink.requests("/internal/v1/things").size());
        assertEquals(4, sink.requests("/internal/v1/refused").size());
        assertEquals(4, relay.pending(), "only the refused messages stay, each to be retried");
        java.util.Set<String> keys = new java.util.HashSet<>();
        sink.requests().forEach(r -> keys.add(r.header("Idempotency-Key")));
        assertEquals(20, keys.size(), "every message its own idempotency key");
        sink.answer("/internal/v1/refused", 202, "{}");
        assertTrue(relay.drain(java.time.Duration.ofSeconds(10)));
        assertEquals(0, relay.pending());
        assertEquals(16, sink.requests("/internal/v1/things").size(), "delivered messages are not sent again");
    }

    @Test
    void messagesWithOneOrderingKeyArriveInOrderAndWaitBehindAFailedOne() throws Exception {
        sink.answer("/internal/v1/refused", 503, "{}");
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 12; i++) {
                outbox.enqueue("outbox-test-sink", "/internal/v1/ordered", Map.of("n", i), "key-a");
                outbox.enqueue("outbox-test-sink", "/internal/v1/things", Map.of("n", i)); // no key: any order
            }
            outbox.enqueue("outbox-test-sink", "/internal/v1/refused", Map.of("n", 0), "key-b");
            outbox.enqueue("outbox-test-sink", "/internal/v1/ordered-b", Map.of("n", 1), "key-b");
            outbox.enqueue("outbox-test-sink", "/internal/v1/ordered-b", Map.of("n", 2), "key-b");
        });
        relay.deliverDue();
        ObjectMapper json = new ObjectMapper();
        java.util.List<Object> order = new java.util.ArrayList<>();
        for (RecordingServer.Recorded r : sink.requests("/internal/v1/ordered")) {
            order.add(json.readValue(r.body(), Map.class).get("n"));
        }
        assertEquals(java.util.stream.IntStream.range(0, 12).boxed().toList(), order, "key-a in the order written");
        assertEquals(12, sink.requests("/internal/v1/things").size());
        // key-b: the first failed, so neither the second nor the third was sent, and they stay behind it on later runs
        assertEquals(1, sink.requests("/internal/v1/refused").size());
        assertEquals(0, sink.requests("/internal/v1/ordered-b").size());
        for (int i = 0; i < 3; i++) {
            Thread.sleep(60);
            relay.deliverDue();
        }
        assertEquals(0, sink.requests("/internal/v1/ordered-b").size(), "held back while the earlier one fails");
        assertEquals(3, relay.pending());
        sink.answer("/internal/v1/refused", 202, "{}");
        assertTrue(relay.drain(java.time.Duration.ofSeconds(10)));
        java.util.List<String> paths = sink.requests().stream().map(RecordingServer.Recorded::path)
                .filter(p -> p.equals("/internal/v1/refused") || p.equals("/internal/v1/ordered-b")).toList();
        assertEquals("/internal/v1/ordered-b", paths.get(paths.size() - 1), "the second after the first's delivery");
        java.util.List<Object> orderB = new java.util.ArrayList<>();
        for (RecordingServer.Recorded r : sink.requests("/internal/v1/ordered-b")) {
            orderB.add(json.readValue(r.body(), Map.class).get("n"));
        }
        assertEquals(java.util.List.of(1, 2), orderB, "key-b's later messages once each, in the order written");
    }

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    no.nb.bibliotekkortet.common.outbox.OutboxMetrics outboxMetrics;

    private double attempts(String outcome) {
        return registry.get("outbox.attempts").tag("destination", "outbox-test-sink").tag("outcome", outcome).counter().count();
    }

    private double gauge(String name) {
        return registry.get(name).tag("destination", "outbox-test-sink").gauge().value();
    }

    private static String admin() {
        return no.nb.bibliotekkortet.testsupport.Tokens.maskinporten("nb-backoffice", "admin");
    }

    @Test
    void aMessageRefusedWith4xxIsDeadLetteredCountedListedAndTheOrderingKeyMovesOn() throws Exception {
        sink.answer("/internal/v1/bad", 422, "{\"type\":\"https://bibliotekkortet.no/problems/unknown-template\"}");
        double dead = attempts("dead_lettered");
        double delivered = attempts("delivered");
        long id = QuarkusTransaction.requiringNew().call(() -> {
            long first = outbox.enqueue("outbox-test-sink", "/internal/v1/bad", Map.of("n", 0), "key-d");
            outbox.enqueue("outbox-test-sink", "/internal/v1/after", Map.of("n", 1), "key-d");
            return first;
        });
        outboxMetrics.refresh();
        assertEquals(2.0, gauge("outbox.pending"));
        assertTrue(relay.drain(java.time.Duration.ofSeconds(10)));
        assertEquals(1, sink.requests("/internal/v1/bad").size(), "a 4xx is not retried");
        assertEquals(1, sink.requests("/internal/v1/after").size(), "the next message of the key went on");
        assertEquals(0, relay.pending());
        assertEquals(dead + 1, attempts("dead_lettered"));
        assertEquals(delivered + 1, attempts("delivered"));
        outboxMetrics.refresh();
        assertEquals(0.0, gauge("outbox.pending"));
        assertEquals(0.0, gauge("outbox.oldest.age"));
        assertTrue(gauge("outbox.dead.letters") >= 1);

        String base = "/api/v1/admin/outbox/patron-service/dead-letters";
        io.restassured.RestAssured.given().get(base).then().statusCode(401);
        io.restassured.RestAssured.given().auth().oauth2(no.nb.bibliotekkortet.testsupport.Tokens.maskinporten(
                "library-system-2030000", "admin")).get(base).then().statusCode(403);
        io.restassured.RestAssured.given().auth().oauth2(admin()).get("/api/v1/admin/outbox/auth-service/dead-letters")
                .then().statusCode(404);
        io.restassured.RestAssured.given().auth().oauth2(admin()).queryParam("limit", "0").get(base).then()
                .statusCode(400).body("field", org.hamcrest.Matchers.equalTo("limit"));
        io.restassured.RestAssured.given().auth().oauth2(admin()).get(base).then().statusCode(200)
                .body("find { it.id == " + id + " }.status", org.hamcrest.Matchers.equalTo(422))
                .body("find { it.id == " + id + " }.path", org.hamcrest.Matchers.equalTo("/internal/v1/bad"))
                .body("find { it.id == " + id + " }.answer", org.hamcrest.Matchers.containsString("unknown-template"))
                .body("find { it.id == " + id + " }.payload", org.hamcrest.Matchers.nullValue());

        // The cause is fixed: the replay delivers it with its old idempotency key, and it leaves the dead letters.
        sink.answer("/internal/v1/bad", 202, "{}");
        io.restassured.RestAssured.given().auth().oauth2(admin()).post(base + "/" + id + "/replay").then().statusCode(202);
        io.restassured.RestAssured.given().auth().oauth2(admin()).post(base + "/" + id + "/replay").then().statusCode(404);
        assertTrue(relay.drain(java.time.Duration.ofSeconds(10)));
        List<RecordingServer.Recorded> bad = sink.requests("/internal/v1/bad");
        assertEquals(2, bad.size());
        assertEquals("patron-service-outbox-" + id, bad.get(1).header("Idempotency-Key"));
        io.restassured.RestAssured.given().auth().oauth2(admin()).get(base).then().statusCode(200)
                .body("findAll { it.id == " + id + " }", org.hamcrest.Matchers.empty());
    }

    @Test
    void retryable4xxAnswersStayInTheOutbox() {
        for (int status : new int[] {408, 409, 425, 429}) {
            sink.answer("/internal/v1/busy-" + status, status, "{}");
        }
        double dead = attempts("dead_lettered");
        double failed = attempts("failed");
        QuarkusTransaction.requiringNew().run(() -> {
            for (int status : new int[] {408, 409, 425, 429}) {
                outbox.enqueue("outbox-test-sink", "/internal/v1/busy-" + status, Map.of("n", status));
            }
        });
        relay.deliverDue();
        assertEquals(4, relay.pending());
        assertEquals(dead, attempts("dead_lettered"));
        assertEquals(failed + 4, attempts("failed"));
        for (int status : new int[] {408, 409, 425, 429}) {
            sink.answer("/internal/v1/busy-" + status, 202, "{}");
        }
        assertTrue(relay.drain(java.time.Duration.ofSeconds(10)));
    }
}
