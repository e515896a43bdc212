package no.nb.bibliotekkortet.auth.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import jakarta.inject.Inject;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Common setup: test DB auth_test, mock OAuth2, stubs of patron-service and membership-service, test clock. */
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "auth_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations",
        value = "patron-service,membership-service"))
public abstract class AuthTestBase {

    @Inject
    protected TestClock clock;

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
