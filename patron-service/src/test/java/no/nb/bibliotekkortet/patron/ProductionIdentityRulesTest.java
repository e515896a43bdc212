package no.nb.bibliotekkortet.patron;

import static no.nb.bibliotekkortet.patron.support.PatronApi.register;
import static no.nb.bibliotekkortet.patron.support.PatronApi.registration;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.TestDb;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With {@code register.allow-test-identities=false} (as in production) Tenor synthetic numbers are refused. */
@QuarkusTest
@TestProfile(ProductionIdentityRulesTest.NoTestIdentities.class)
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class ProductionIdentityRulesTest {

    public static class NoTestIdentities implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("register.allow-test-identities", "false");
        }
    }

    @Inject
    TestDb db;

    @BeforeEach
    void reset() {
        db.clean();
        PatronApi.resetStubs();
    }

    @Test
    void syntheticNumbersAreRefused() {
        register(registration("12908840087")).statusCode(422).body("field", equalTo("identityNumber"));
        Map<String, Object> d = registration("43847520044");
        d.put("birthDate", "1975-04-03");
        register(d).statusCode(422).body("field", equalTo("identityNumber"));
    }

    @Test
    void realNumbersAreStillAccepted() {
        register(registration("15038512010")).statusCode(201);
    }
}
