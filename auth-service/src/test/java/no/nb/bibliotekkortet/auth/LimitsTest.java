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

    /** 3 failures per client and minute; one hash at a time, 1 ms queue. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.spray.max-failures-per-window", "3", "auth.hashing.max-concurrent", "1",
                    "auth.hashing.queue-wait", "PT0.001S", "auth.hashing.retry-after-seconds", "2");
        }
    }

    @Test
    void oneClientCannotSprayPinsAcrossCards() {
        // A minute no earlier run used (the counters live in auth_test), 5 s into the window.
        clock.set(java.time.Instant.now().plus(Duration.ofDays(1000 + java.util.concurrent.ThreadLocalRandom.current()
                .nextInt(100_000))).truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(5));
        TestPatron p = Fixtures.patron();
        for (int i = 0; i < 3; i++) {
            Fixtures.partnerVerify("partner-allbok", Fixtures.unknownCard(), "pin", "4711").statusCode(200)
                    .body("reason", equalTo("INVALID"));
        }
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).statusCode(429)
                .header("Retry-After", equalTo("56")).contentType("application/problem+json");
        // Another client is not affected.
        Fixtures.partnerVerify("partner-cineast", Fixtures.unknownCard(), "pin", "4711").statusCode(200);
        clock.advance(Duration.ofMinutes(1));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void aBurstBeyondTheHashingSlotsGets503WithRetryAfter() throws Exception {
        TestPatron p = Fixtures.patron();
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
