package no.nb.bibliotekkortet.patron;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import no.nb.bibliotekkortet.testsupport.ObservabilityContract;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;

/** {@link ObservabilityContract} for patron-service. */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
class ObservabilityTest extends ObservabilityContract {

    @Override
    protected String documentedPath() {
        return "/api/v1/patrons";
    }

    @Override
    protected java.util.List<String> patronTokenPaths() {
        return java.util.List.of("/api/v1/me", "/api/v1/me/card");
    }

    @Override
    protected java.util.List<String> seriesFromStart() {
        return java.util.List.of("patron_registrations_total{channel=\"guardian\"}",
                "patron_lookups_total{by=\"identity_number\",outcome=\"not_found\"}",
                "patron_change_records_total{kind=\"CARD_CHANGED\"}", "patron_erasures_total{cause=\"INACTIVITY\"}",
                "webhook_deliveries_total{outcome=\"failed\"}", "webhook_suspensions_total",
                "webhook_deliveries_pending", "webhook_delivery_lag_seconds_count",
                "outbox_attempts_total{destination=\"notification-service\",outcome=\"dead_lettered\"}",
                "outbox_pending{destination=\"membership-service\"}",
                "outbox_oldest_age_seconds{destination=\"auth-service\"}",
                "outbox_dead_letters{destination=\"numberseries-service\"}");
    }
}
