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
}
