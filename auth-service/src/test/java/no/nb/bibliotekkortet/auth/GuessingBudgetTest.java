package no.nb.bibliotekkortet.auth;

import static no.nb.bibliotekkortet.auth.support.Fixtures.PIN;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import no.nb.bibliotekkortet.auth.service.GuessingBudget;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, the guessing budget (docs/security.md): failed verifications are limited per end-user address (passed by
 * a partner in {@code End-User-Address}) and per client, over minutes, hours and days; one end user being limited
 * leaves the partner's other users unaffected; the client's day limit bounds all of them. Small limits from a test
 * profile: per end user 2 a minute, 3 an hour, 4 a day; per client 50 a minute, 50 an hour, 7 a day.
 */
@QuarkusTest
@TestProfile(GuessingBudgetTest.SmallBudget.class)
class GuessingBudgetTest extends AuthTestBase {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.spray.max-failures-per-window", "50", "auth.spray.max-failures-per-hour", "50",
                    "auth.spray.max-failures-per-day", "7",
                    "auth.spray.end-user.max-failures-per-minute", "2", "auth.spray.end-user.max-failures-per-hour", "3",
                    "auth.spray.end-user.max-failures-per-day", "4");
        }
    }

    @Inject
    MeterRegistry registry;

    /** A day no earlier run used (the counters live in auth_test), at 00:00:05 UTC. */
    private void freshDay() {
        clock.set(Instant.now().plus(Duration.ofDays(3000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000)))
                .truncatedTo(ChronoUnit.DAYS).plusSeconds(5));
    }

    private static ValidatableResponse guess(String client, String address) {
        var request = Fixtures.as(client, "partner.auth");
        if (address != null) {
            request.header("End-User-Address", address);
        }
        return request.body(Map.of("cardNumber", Fixtures.unknownCard(), "pin", "1234"))
                .post("/api/v1/authentications/partner").then();
    }

    @Test
    void oneEndUserIsLimitedPerMinuteHourAndDayWhileTheOthersGoOn() {
        freshDay();
        guess("partner-filmoteket", "198.51.100.7").statusCode(200).body("reason", equalTo("INVALID"));
        guess("partner-filmoteket", "198.51.100.7").statusCode(200);
        guess("partner-filmoteket", "198.51.100.7").statusCode(429).contentType("application/problem+json")
                .body("type", endsWith("/end-user-rate-limited")).header("Retry-After", equalTo("56"));
        // another end user of the same partner is not affected
        guess("partner-filmoteket", "203.0.113.9").statusCode(200).body("reason", equalTo("INVALID"));
        Fixtures.TestPatron p = Fixtures.patron();
        Fixtures.as("partner-filmoteket", "partner.auth").header("End-User-Address", "203.0.113.10")
                .body(Map.of("cardNumber", p.cardNumber(), "pin", PIN)).post("/api/v1/authentications/partner").then()
                .statusCode(200).body("reason", org.hamcrest.Matchers.not(equalTo("INVALID")));

        clock.advance(Duration.ofMinutes(1)); // a new minute: one more (3 an hour)
        guess("partner-filmoteket", "198.51.100.7").statusCode(200);
        guess("partner-filmoteket", "198.51.100.7").statusCode(429).header("Retry-After", equalTo(String.valueOf(3600 - 65 + 1)));
        clock.advance(Duration.ofHours(1)); // a new hour: one more (4 a day)
        guess("partner-filmoteket", "198.51.100.7").statusCode(200);
        guess("partner-filmoteket", "198.51.100.7").statusCode(429);
        clock.advance(Duration.ofHours(3));
        guess("partner-filmoteket", "198.51.100.7").statusCode(429).body("type", endsWith("/end-user-rate-limited"));
        clock.advance(Duration.ofDays(1)); // the next day the end user may try again
        guess("partner-filmoteket", "198.51.100.7").statusCode(200);
    }

    @Test
    void theClientsDayLimitBoundsEveryEndUserTogether() {
        freshDay();
        double before = registry.counter("register.verification.rate.limited", "limit", "client", "window", "DAY").count();
        for (int i = 0; i < 7; i++) { // 7 addresses, one failure each: the client's 7 a day
            guess("partner-cineast", "192.0.2." + (10 + i)).statusCode(200).body("reason", equalTo("INVALID"));
        }
        guess("partner-cineast", "192.0.2.99").statusCode(429).body("type", endsWith("/verification-rate-limited"));
        guess("partner-cineast", null).statusCode(429);
        assertEquals(before + 2, registry.counter("register.verification.rate.limited", "limit", "client", "window", "DAY").count());
        // other partners keep their own budget
        guess("partner-allbok", "192.0.2.99").statusCode(200);
    }

    @Test
    void ipv6EndUsersCountByTheirSlash64() {
        freshDay();
        guess("partner-allbok", "2001:db8:1:2::1").statusCode(200);
        guess("partner-allbok", "2001:db8:1:2:ffff::9").statusCode(200);
        guess("partner-allbok", "2001:0db8:0001:0002::abcd").statusCode(429);
        guess("partner-allbok", "2001:db8:1:3::1").statusCode(200);
    }

    @Test
    void onlyPartnersAndTheSiteMayNameAnEndUserAndOnlyByAnAddress() {
        freshDay();
        guess("partner-allbok", "not-an-address").statusCode(400).body("field", equalTo("End-User-Address"));
        guess("partner-allbok", "example.org").statusCode(400);
        guess("partner-allbok", "198.51.100.7:443").statusCode(400);
        Fixtures.as("library-system-2030000", "patrons.read").header("Library-Number", Fixtures.OSLO)
                .header("End-User-Address", "198.51.100.7")
                .body(Map.of("cardNumber", Fixtures.unknownCard(), "pin", "1234")).post("/api/v1/authentications/library")
                .then().statusCode(400).body("field", equalTo("End-User-Address"));
    }

    /** The threat model's figure for the production defaults: 300 failures a day, 30 days, 4-digit PINs. */
    @Test
    void theDefaultDailyBudgetIsUnderOneCompromisedFourDigitPinAMonth() {
        double expected = GuessingBudget.expectedCompromises(300, 30, 4);
        assertTrue(expected < 1.0, "expected " + expected);
        assertEquals(0.9, expected, 1e-9);
        assertEquals(0.009, GuessingBudget.expectedCompromises(300, 30, 6), 1e-12);
    }
}
