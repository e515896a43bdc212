package no.nb.bibliotekkortet.numberseries;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import no.nb.bibliotekkortet.testsupport.ObservabilityContract;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;

/** {@link ObservabilityContract} for numberseries-service. */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "numberseries_test"))
class ObservabilityTest extends ObservabilityContract {

    @Override
    protected String documentedPath() {
        return "/api/v1/number-series";
    }

    @Override
    protected java.util.List<String> seriesFromStart() {
        return java.util.List.of("numberseries_orders_total{outcome=\"exhausted\"}",
                "numberseries_allocations_total{kind=\"digital\"}", "numberseries_space_left");
    }
}
