package no.nb.bibliotekkortet.patron.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import no.nb.bibliotekkortet.common.outbox.OutboxRelay;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RecordingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of patron-service HTTP tests that register patrons against HTTP stubs of numberseries, membership, auth
 * and notification (subclasses carry {@code @QuarkusTest} and the test resources, with {@link PatronApi#STUBS}).
 * Before each test: the clock at real time, an empty database, the stubs' default answers, the outbox drained and
 * every stub's record emptied; after it the clock at real time again.
 */
public abstract class StubbedServicesTest {

    protected static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    protected TestDb db;

    @Inject
    protected OutboxRelay relay;

    @Inject
    protected TestClock clock;

    protected RecordingServer numberSeries;
    protected RecordingServer membership;
    protected RecordingServer auth;
    protected RecordingServer notification;

    @BeforeEach
    void cleanDatabaseStubsAndClock() {
        clock.reset();
        db.clean();
        PatronApi.resetStubs();
        while (relay.pending() > 0) {
            relay.deliverDue();
        }
        numberSeries = EdgeStubResource.server("numberseries-service");
        membership = EdgeStubResource.server("membership-service");
        auth = EdgeStubResource.server("auth-service");
        notification = EdgeStubResource.server("notification-service");
        for (RecordingServer s : new RecordingServer[] {numberSeries, membership, auth, notification}) {
            s.clear();
        }
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }
}
