package no.nb.bibliotekkortet.patron.webhook;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.patron.support.PatronApi.BERGEN;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static no.nb.bibliotekkortet.patron.support.PatronApi.as;
import static no.nb.bibliotekkortet.patron.support.PatronApi.registered;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.patron.domain.WebhookSignatures;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.TestDb;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RecordingServer;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Push webhooks (issue 10) through HTTP with real tokens: registration rules (401/403/400/201/200/404), the
 * signature a receiver can verify over exactly the feed's JSON, deliveries that survive a receiver answering 503
 * for a while (each change then delivered once, in feed order), and no delivery for a change the library may not
 * see; UPDATED records from a staff PATCH name the changed fields. The receiver is a real HTTP server on
 * 127.0.0.1 ({@code register.webhooks.allow-private-addresses=true} only in %test; WebhookAddressRulesTest runs
 * with the production rules).
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class WebhookTest {

    private static final RecordingServer RECEIVER = new RecordingServer();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "a-library-systems-own-secret-0123456789";

    @Inject
    TestDb db;

    @Inject
    WebhookDeliverer deliverer;

    @Inject
    Clock clock;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    /** No webhook outlives its test (other test classes would queue deliveries for it). */
    @AfterEach
    void removeWebhooks() {
        db.count("with d as (delete from webhook returning 1) select count(*) from d");
    }

    @BeforeEach
    void reset() {
        db.clean();
        db.count("with d as (delete from webhook returning 1) select count(*) from d");
        PatronApi.resetStubs();
        RECEIVER.clear();
        RECEIVER.answerAll(200);
    }

    @AfterAll
    static void stop() {
        RECEIVER.close();
    }

    private static io.restassured.response.Response put(String library, Map<String, ?> body) {
        return as(library, "patrons.read").body(body).put("/api/v1/changes/webhook");
    }

    private static String hook(String name) {
        return RECEIVER.url() + "/hooks/" + name;
    }

    private void drain() {
        for (int i = 0; i < 200 && deliverer.pending() > 0; i++) {
            deliverer.deliverDue();
            sleep(20);
        }
        assertEquals(0, deliverer.pending());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void registrationRules() {
        Map<String, String> body = Map.of("url", hook("oslo"));
        given().contentType("application/json").header("Library-Number", OSLO).body(body)
                .put("/api/v1/changes/webhook").then().statusCode(401);
        as(OSLO, "series").body(body).put("/api/v1/changes/webhook").then().statusCode(403);
        given().auth().oauth2(PatronApi.token(PatronApi.OSLO_CLIENT, "patrons.read")).contentType("application/json")
                .header("Library-Number", BERGEN).body(body).put("/api/v1/changes/webhook").then().statusCode(403);
        given().auth().oauth2(PatronApi.token(PatronApi.OSLO_CLIENT, "patrons.read")).contentType("application/json")
                .body(body).put("/api/v1/changes/webhook").then().statusCode(400).body("field", equalTo("Library-Number"));
        put(OSLO, Map.of()).then().statusCode(400).body("field", equalTo("url"));
        put(OSLO, Map.of("url", "ftp://hooks.example.no/x")).then().statusCode(400).body("field", equalTo("url"));
        put(OSLO, Map.of("url", "https://user:pw@hooks.example.no/x")).then().statusCode(400).body("field", equalTo("url"));
        put(OSLO, Map.of("url", hook("oslo"), "secret", "too-short")).then().statusCode(400).body("field", equalTo("secret"));
        put(OSLO, Map.of("url", hook("oslo"), "events", "all")).then().statusCode(400);
        put(OSLO, Map.of("url", "https://0.0.0.0/x")).then().statusCode(422).body("field", equalTo("url"))
                .body("rule", equalTo("address-not-allowed"));
        put(OSLO, Map.of("url", "https://224.0.0.1/x")).then().statusCode(422).body("rule", equalTo("address-not-allowed"));
        put(OSLO, Map.of("url", "https://no-such-host.invalid/x")).then().statusCode(422)
                .body("rule", equalTo("host-not-resolvable"));
        as(OSLO, "patrons.read").get("/api/v1/changes/webhook").then().statusCode(404);

        // generated secret: returned once, never again
        String secret = put(OSLO, body).then().statusCode(201).body("url", equalTo(hook("oslo")))
                .body("libraryNumber", equalTo(OSLO)).extract().path("secret");
        assertEquals(43, secret.length());
        as(OSLO, "patrons.read").get("/api/v1/changes/webhook").then().statusCode(200)
                .body("url", equalTo(hook("oslo"))).body("secret", nullValue()).body("pendingDeliveries", equalTo(0));
        // the client's own secret: replaced (200), not echoed; stored sealed, never in plain text
        put(OSLO, Map.of("url", hook("oslo2"), "secret", SECRET)).then().statusCode(200).body("secret", nullValue())
                .body("url", equalTo(hook("oslo2")));
        assertEquals(0, db.count("select count(*) from webhook where secret like '%" + SECRET + "%'"));
        // read-only scope is enough (the webhook is the feed pushed); patrons.write alone is not
        as(OSLO, "patrons.write").get("/api/v1/changes/webhook").then().statusCode(403);
        as(OSLO, "patrons.read").delete("/api/v1/changes/webhook").then().statusCode(204);
        as(OSLO, "patrons.read").delete("/api/v1/changes/webhook").then().statusCode(404);
        as(OSLO, "patrons.read").get("/api/v1/changes/webhook").then().statusCode(404).body("type", containsString("no-webhook"));
    }

    @Test
    void deliveryIsSignedAndCarriesTheFeedsRecord() throws Exception {
        put(OSLO, Map.of("url", hook("signed"), "secret", SECRET)).then().statusCode(201);
        double delivered = registry.get("webhook.deliveries").tag("outcome", "delivered").counter().count();
        long lagged = registry.get("webhook.delivery.lag").timer().count();
        String card = registered(TestIdentities.synthetic());
        drain();
        List<RecordingServer.Recorded> got = RECEIVER.requests("/hooks/signed");
        assertEquals(1, got.size());
        assertEquals(delivered + 1, registry.get("webhook.deliveries").tag("outcome", "delivered").counter().count());
        assertEquals(lagged + 1, registry.get("webhook.delivery.lag").timer().count());
        RecordingServer.Recorded r = got.get(0);
        String ts = r.header(WebhookSignatures.TIMESTAMP_HEADER);
        String sig = r.header(WebhookSignatures.SIGNATURE_HEADER);
        assertTrue(sig.startsWith("sha256="));
        // what a receiver does
        assertTrue(WebhookSignatures.verify(SECRET, ts, r.body(), sig, clock.instant().getEpochSecond(), 300));
        assertFalse(WebhookSignatures.verify(SECRET, ts, r.body().replace(card, "N000000000"), sig,
                clock.instant().getEpochSecond(), 300));
        assertFalse(WebhookSignatures.verify("another-secret-another-secret-0123", ts, r.body(), sig,
                clock.instant().getEpochSecond(), 300));
        // the body is exactly the feed's record
        JsonNode body = JSON.readTree(r.body());
        JsonNode feed = JSON.readTree(as(OSLO, "patrons.read").get("/api/v1/changes").then().statusCode(200)
                .extract().asString()).path("changes").get(0);
        assertEquals(feed, body);
        assertEquals("CREATED", body.path("kind").asText());
        assertEquals(body.path("changeId").asText(), r.header(WebhookSignatures.CHANGE_ID_HEADER));
        assertEquals(card, body.path("patron").path("cards").get(0).path("cardNumber").asText());
        assertFalse(r.body().contains("identityNumber"));
    }

    @Test
    void deliveriesSurviveTheReceiverBeingDownAndArriveOnceInOrder() throws Exception {
        put(OSLO, Map.of("url", hook("flaky"), "secret", SECRET)).then().statusCode(201);
        RECEIVER.answer("/hooks/flaky", 503, "{}");
        registered(TestIdentities.synthetic());
        registered(TestIdentities.synthetic());
        registered(TestIdentities.synthetic());
        for (int i = 0; i < 10; i++) {
            deliverer.deliverDue();
            sleep(60);
        }
        List<RecordingServer.Recorded> failures = RECEIVER.requests("/hooks/flaky");
        assertTrue(failures.size() >= 5, "retried while down: " + failures.size());
        // head of line: only the first change was tried while the receiver was down
        assertEquals(1, failures.stream().map(x -> x.header(WebhookSignatures.CHANGE_ID_HEADER)).distinct().count());
        assertEquals(3, deliverer.pending());
        as(OSLO, "patrons.read").get("/api/v1/changes/webhook").then().statusCode(200)
                .body("pendingDeliveries", equalTo(3)).body("lastError", equalTo("HTTP 503"));

        RECEIVER.clear();
        RECEIVER.answer("/hooks/flaky", 200, "{}");
        drain();
        List<Long> delivered = RECEIVER.requests("/hooks/flaky").stream()
                .map(x -> Long.parseLong(x.header(WebhookSignatures.CHANGE_ID_HEADER))).toList();
        JsonNode feed = JSON.readTree(as(OSLO, "patrons.read").get("/api/v1/changes?records=false").then().statusCode(200)
                .extract().asString()).path("changes");
        List<Long> feedIds = new java.util.ArrayList<>();
        feed.forEach(c -> feedIds.add(c.path("changeId").asLong()));
        assertEquals(feedIds, delivered);
        assertEquals(3, delivered.size());
    }

    @Test
    void noDeliveryForChangesTheLibraryMayNotSee() {
        put(OSLO, Map.of("url", hook("oslo"), "secret", SECRET)).then().statusCode(201);
        put(BERGEN, Map.of("url", hook("bergen"), "secret", SECRET)).then().statusCode(201);
        registered(TestIdentities.synthetic()); // a member of OSLO only
        assertEquals(0, db.count("select count(*) from webhook_delivery where library_number = '" + BERGEN + "'"));
        drain();
        assertEquals(1, RECEIVER.requests("/hooks/oslo").size());
        assertEquals(0, RECEIVER.requests("/hooks/bergen").size());
    }

    @Test
    void staffPatchNamesTheChangedFields() throws Exception {
        String card = registered(TestIdentities.synthetic());
        put(OSLO, Map.of("url", hook("fields"), "secret", SECRET)).then().statusCode(201);
        as(OSLO, "patrons.write").body(Map.of("email", "ny@example.no", "language", "nn"))
                .patch("/api/v1/patrons/" + card).then().statusCode(200);
        drain();
        JsonNode body = JSON.readTree(RECEIVER.requests("/hooks/fields").get(0).body());
        assertEquals("UPDATED", body.path("kind").asText());
        // language was already nn: only the e-mail changed
        assertEquals("[\"email\"]", body.path("fields").toString());
        as(OSLO, "patrons.read").get("/api/v1/changes?records=false").then().statusCode(200)
                .body("changes.find { it.kind == 'UPDATED' }.fields", equalTo(List.of("email")));
    }
}
