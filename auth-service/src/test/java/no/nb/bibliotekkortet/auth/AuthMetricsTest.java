package no.nb.bibliotekkortet.auth;

import static no.nb.bibliotekkortet.auth.support.Fixtures.PIN;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import no.nb.bibliotekkortet.auth.support.Fixtures.TestPatron;
import org.junit.jupiter.api.Test;

/** auth-service's business metrics (docs/observability.md) move for the right outcome, and only for it. */
@QuarkusTest
class AuthMetricsTest extends AuthTestBase {

    @Inject
    MeterRegistry registry;

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void verificationsAreCountedByCallerAndOutcome() {
        TestPatron p = Fixtures.patron();
        double valid = count("auth.verifications", "caller", "partner", "outcome", "VALID");
        double invalid = count("auth.verifications", "caller", "partner", "outcome", "INVALID");
        double doorInvalid = count("auth.verifications", "caller", "door", "outcome", "INVALID");
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(true));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", "9999").body("reason", equalTo("INVALID"));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", "9998").body("reason", equalTo("INVALID"));
        assertEquals(valid + 1, count("auth.verifications", "caller", "partner", "outcome", "VALID"));
        assertEquals(invalid + 2, count("auth.verifications", "caller", "partner", "outcome", "INVALID"));
        assertEquals(doorInvalid, count("auth.verifications", "caller", "door", "outcome", "INVALID"));
        assertTrue(registry.get("auth.hashing").timer().count() >= 3, "each verification hashed once");
    }

    @Test
    void aFifthFailureStartsOneTimedLock() {
        TestPatron p = Fixtures.patron();
        double timed = count("register.lockouts.started", "kind", "timed");
        double hard = count("register.lockouts.started", "kind", "hard");
        double locked = count("auth.verifications", "caller", "partner", "outcome", "LOCKED");
        for (int i = 0; i < 4; i++) {
            Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", "9999").body("reason", equalTo("INVALID"));
        }
        assertEquals(timed, count("register.lockouts.started", "kind", "timed"));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", "9999").body("reason", equalTo("INVALID"));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("reason", equalTo("LOCKED"));
        assertEquals(timed + 1, count("register.lockouts.started", "kind", "timed"));
        assertEquals(hard, count("register.lockouts.started", "kind", "hard"));
        assertEquals(locked + 1, count("auth.verifications", "caller", "partner", "outcome", "LOCKED"));
    }

    @Test
    void ageChecksAreCountedByOutcome() {
        TestPatron p = Fixtures.patron(java.time.LocalDate.of(1990, 1, 1), "IDENTITY_NUMBER", false);
        Fixtures.memberships(p, Fixtures.OSLO);
        double reached = count("auth.age.checks", "outcome", "REACHED");
        double invalid = count("auth.age.checks", "outcome", "INVALID");
        Map<String, Object> body = new HashMap<>(Map.of("cardNumber", p.cardNumber(), "pin", PIN, "age", 15));
        Fixtures.as("partner-filmoteket", "partner.auth").body(body).post("/api/v1/age-checks").then()
                .statusCode(200).body("reached", equalTo(true));
        body.put("pin", "9999");
        Fixtures.as("partner-filmoteket", "partner.auth").body(body).post("/api/v1/age-checks").then()
                .statusCode(200).body("reason", equalTo("INVALID"));
        assertEquals(reached + 1, count("auth.age.checks", "outcome", "REACHED"));
        assertEquals(invalid + 1, count("auth.age.checks", "outcome", "INVALID"));
    }

    @Test
    void oneTimeCodesAreCountedWhenSentUsedAndFailed() {
        TestPatron p = OneTimeCodeTest.reachablePatron();
        double sent = count("auth.one.time.codes", "event", "sent");
        double used = count("auth.one.time.codes", "event", "used");
        double failed = count("auth.one.time.codes", "event", "failed");
        double expired = count("auth.one.time.codes", "event", "expired");
        String otpId = OneTimeCodeTest.issue(p, "change-personal-data");
        String code = sentCode(otpId);
        String wrong = code.equals("000000") ? "000001" : "000000";
        OneTimeCodeTest.consume(otpId, wrong, "change-personal-data", p.patronId()).body("valid", equalTo(false));
        OneTimeCodeTest.consume(otpId, code, "change-personal-data", p.patronId()).body("valid", equalTo(true));
        assertEquals(sent + 1, count("auth.one.time.codes", "event", "sent"));
        assertEquals(used + 1, count("auth.one.time.codes", "event", "used"));
        assertEquals(failed + 1, count("auth.one.time.codes", "event", "failed"));
        assertEquals(expired, count("auth.one.time.codes", "event", "expired"));
    }
}
