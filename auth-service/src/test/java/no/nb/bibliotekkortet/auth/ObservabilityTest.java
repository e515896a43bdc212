package no.nb.bibliotekkortet.auth;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import no.nb.bibliotekkortet.testsupport.ObservabilityContract;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;

/** {@link ObservabilityContract} for auth-service. */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "auth_test"))
class ObservabilityTest extends ObservabilityContract {

    @Override
    protected String documentedPath() {
        return "/api/v1/partners";
    }

    @Override
    protected java.util.List<String> patronTokenPaths() {
        return java.util.List.of("/api/v1/me/credentials");
    }

    @Override
    protected java.util.List<String> seriesFromStart() {
        return java.util.List.of("auth_verifications_total{caller=\"door\",outcome=\"NOT_ENTITLED\"}",
                "auth_verifications_total{caller=\"partner\",outcome=\"HASHING_BUSY\"}",
                "register_lockouts_started_total{kind=\"hard\"}", "auth_age_checks_total{outcome=\"RATE_LIMITED\"}",
                "auth_one_time_codes_total{event=\"expired\"}", "auth_hashing_seconds_count",
                "auth_hashing_slots_free", "auth_hashing_queued");
    }
}
