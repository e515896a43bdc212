package no.nb.bibliotekkortet.auth.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import no.nb.bibliotekkortet.common.outbox.OutboxRelay;
import no.nb.bibliotekkortet.testsupport.RecordingServer;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Common setup: test DB auth_test, mock OAuth2, stubs of patron-, membership- and notification-service, test clock. */
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "auth_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations",
        value = "patron-service,membership-service,notification-service"))
public abstract class AuthTestBase {

    @Inject
    protected TestClock clock;

    @Inject
    protected OutboxRelay relay;

    @Inject
    protected no.nb.bibliotekkortet.auth.service.ActivityBatches activityBatches;

    /** Batches the waiting activity now (the schedule waits an hour in tests) and delivers one outbox batch. */
    protected void deliverOutbox() {
        while (activityBatches.flush() > 0) {
            // every waiting activity row into outbox messages
        }
        relay.deliverDue();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Delivers the outbox until notification-service's stub has received the one-time code {@code otpId}
     * and returns that request body (the only place a code ever appears in clear besides the outbox row).
     */
    protected JsonNode sentNotification(String otpId) {
        RecordingServer notifications = EdgeStubResource.server("notification-service");
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (RecordingServer.Recorded r : notifications.requests("/internal/v1/notifications")) {
                try {
                    JsonNode body = JSON.readTree(r.body());
                    if (("auth-service-otp-" + otpId).equals(body.path("idempotencyKey").asText())) {
                        return body;
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            relay.deliverDue();
        }
        throw new AssertionError("No notification for one-time code " + otpId);
    }

    /** The 6-digit code sent for {@code otpId}. */
    protected String sentCode(String otpId) {
        return sentNotification(otpId).path("params").path("code").asText();
    }

    @BeforeEach
    void setUpFixtures() {
        clock.reset();
        Fixtures.stubs();
        Fixtures.partners();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }
}
