package no.nb.bibliotekkortet.patron.webhook;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static no.nb.bibliotekkortet.patron.support.PatronApi.as;
import static no.nb.bibliotekkortet.patron.support.PatronApi.registered;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
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
 * A webhook whose receiver fails without a break for {@code register.webhooks.suspend-after} (here 0.5 s instead
 * of 3 days) is suspended: its queue is dropped, nothing more is queued, GET shows why; the feed still has every
 * change; registering the webhook again resumes deliveries.
 */
@QuarkusTest
@TestProfile(WebhookSuspensionTest.ShortPatience.class)
@QuarkusTestResource(value = RegisterTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class WebhookSuspensionTest {

    /** Suspension after half a second of failures. */
    public static class ShortPatience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("register.webhooks.suspend-after", "PT0.5S");
        }
    }

    private static final RecordingServer RECEIVER = new RecordingServer();
    private static final String SECRET = "a-library-systems-own-secret-0123456789";

    @Inject
    TestDb db;

    @Inject
    WebhookDeliverer deliverer;

    @BeforeEach
    @AfterEach
    void reset() {
        db.clean();
        db.count("with d as (delete from webhook returning 1) select count(*) from d");
        PatronApi.resetStubs();
        RECEIVER.clear();
    }

    @AfterAll
    static void stop() {
        RECEIVER.close();
    }

    private static io.restassured.response.ValidatableResponse webhook() {
        return as(OSLO, "patrons.read").get("/api/v1/changes/webhook").then().statusCode(200);
    }

    @Test
    void aReceiverFailingTooLongGetsItsWebhookSuspendedUntilRegisteredAgain() throws InterruptedException {
        String url = RECEIVER.url() + "/hooks/down";
        as(OSLO, "patrons.read").body(Map.of("url", url, "secret", SECRET)).put("/api/v1/changes/webhook")
                .then().statusCode(201);
        RECEIVER.answer("/hooks/down", 503, "{}");
        registered(TestIdentities.synthetic());
        registered(TestIdentities.synthetic());

        assertEquals(1, deliverer.deliverDue());
        webhook().body("pendingDeliveries", equalTo(2)).body("lastError", equalTo("HTTP 503"))
                .body("suspendedAt", nullValue());

        Thread.sleep(700);
        assertEquals(1, deliverer.deliverDue());
        webhook().body("suspendedAt", notNullValue()).body("suspendedReason", equalTo("HTTP 503"))
                .body("pendingDeliveries", equalTo(0)).body("url", equalTo(url));
        assertEquals(0, deliverer.pending());

        // suspended: nothing more is queued or sent, but the feed has every change
        registered(TestIdentities.synthetic());
        assertEquals(0, db.count("select count(*) from webhook_delivery"));
        assertEquals(0, deliverer.deliverDue());
        assertEquals(2, RECEIVER.requests("/hooks/down").size(), "two failed attempts, nothing after the suspension");
        as(OSLO, "patrons.read").get("/api/v1/changes?records=false").then().statusCode(200)
                .body("changes.size()", equalTo(3));
        given().get("/q/metrics").then().statusCode(200).body(containsString("webhook_suspensions_total"));

        // registering again resumes with the changes from then on
        RECEIVER.answer("/hooks/down", 200, "{}");
        as(OSLO, "patrons.read").body(Map.of("url", url, "secret", SECRET)).put("/api/v1/changes/webhook")
                .then().statusCode(200).body("suspendedAt", nullValue());
        webhook().body("suspendedAt", nullValue()).body("suspendedReason", nullValue());
        registered(TestIdentities.synthetic());
        assertEquals(1, deliverer.deliverDue());
        assertEquals(3, RECEIVER.requests("/hooks/down").size());
        assertEquals(0, deliverer.pending());
    }
}
