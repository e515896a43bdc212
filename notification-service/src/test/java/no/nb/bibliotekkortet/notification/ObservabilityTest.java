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
}
