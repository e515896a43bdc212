package no.nb.bibliotekkortet.auth;

import static no.nb.bibliotekkortet.auth.support.Fixtures.PIN;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import no.nb.bibliotekkortet.auth.support.Fixtures.TestPatron;
import org.junit.jupiter.api.Test;

/** The per-client spray limit and the bound on concurrent hashing, with small limits from a test profile. */
@QuarkusTest
@TestProfile(LimitsTest.SmallLimits.class)
class LimitsTest extends AuthTestBase {

    /** 3 failures per client and minute (5 for partner-cineast); one hash at a time, 1 ms queue. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.spray.max-failures-per-window", "3", "auth.spray.client-limits.partner-cineast", "5",
                    "auth.hashing.max-concurrent", "1",
                    "auth.hashing.queue-wait", "PT0.001S", "auth.hashing.retry-after-seconds", "2");
        }
    }

    /**
     * Moves the clock to a minute no earlier run used (the counters live in auth_test), 5 s into the window, and
     * lets {@code client} fail {@code failures} verifications of unknown cards there (each still answered 200 INVALID).
     */
    private void failInAFreshWindow(String client, int failures) {
        clock.set(java.time.Instant.now().plus(Duration.ofDays(1000 + java.util.concurrent.ThreadLocalRandom.current()
                .nextInt(100_000))).truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(5));
        for (int i = 0; i < failures; i++) {
            Fixtures.partnerVerify(client, Fixtures.unknownCard(), "pin", "4711").statusCode(200)
                    .body("reason", equalTo("INVALID"));
        }
    }

    @Test
    void oneClientCannotSprayPinsAcrossCards() {
        TestPatron p = Fixtures.patron();
        failInAFreshWindow("partner-allbok", 3);
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).statusCode(429)
                .header("Retry-After", equalTo("56")).contentType("application/problem+json");
        // Another client is not affected.
        Fixtures.partnerVerify("partner-cineast", Fixtures.unknownCard(), "pin", "4711").statusCode(200);
        clock.advance(Duration.ofMinutes(1));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void aClientWithItsOwnLimitGetsItsOwnBudget() {
        TestPatron p = Fixtures.patron();
        failInAFreshWindow("partner-cineast", 5);
        Fixtures.partnerVerify("partner-cineast", p.cardNumber(), "pin", PIN).statusCode(429)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("verification-rate-limited"));
    }

    @Test
    void aBurstBeyondTheHashingSlotsGets503WithRetryAfter() throws Exception {
        TestPatron p = Fixtures.patron();
        // A minute of its own: partner-allbok's failures in other test classes (LockoutTest) count in the real
        // current minute, where this profile's limit of 3 would answer 429 instead of verifying.
        failInAFreshWindow("partner-allbok", 0);
        String token = Fixtures.token("partner-allbok", "partner.auth");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        boolean sawBusy = false;
        try {
            for (int round = 0; round < 5 && !sawBusy; round++) {
                List<Future<Response>> futures = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    futures.add(pool.submit(() -> io.restassured.RestAssured.given().auth().oauth2(token)
                            .contentType("application/json").body(Map.of("cardNumber", p.cardNumber(), "pin", PIN))
                            .post("/api/v1/authentications/partner")));
                }
                for (Future<Response> f : futures) {
                    Response r = f.get();
                    assertTrue(r.statusCode() == 200 || r.statusCode() == 503, "status " + r.statusCode());
                    if (r.statusCode() == 503) {
                        sawBusy = true;
                        assertNotNull(r.header("Retry-After"));
                        assertTrue(r.contentType().startsWith("application/problem+json"));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(sawBusy, "8 parallel verifications with one hashing slot and a 1 ms queue");
    }
}
