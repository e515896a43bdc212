package no.nb.bibliotekkortet.notification;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import no.nb.bibliotekkortet.testsupport.ObservabilityContract;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;

/** {@link ObservabilityContract} for notification-service. */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification_test"))
@QuarkusTestResource(EdgeServers.class)
class ObservabilityTest extends ObservabilityContract {

    @Override
    protected String documentedPath() {
        return "/internal/v1/notifications";
    }

    @Override
    protected java.util.List<String> seriesFromStart() {
        return java.util.List.of("notifications_dead_total{channel=\"SMS\",template=\"ill-blocked\"}",
                "notifications_failed_total{channel=\"EMAIL\",template=\"welcome\"}",
                "notifications_queue_depth{channel=\"EMAIL\"}", "notifications_queue_oldest_age_seconds{channel=\"SMS\"}");
    }
}
