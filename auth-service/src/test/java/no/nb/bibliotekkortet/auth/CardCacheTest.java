package no.nb.bibliotekkortet.auth;

import static no.nb.bibliotekkortet.auth.support.Fixtures.PIN;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import no.nb.bibliotekkortet.auth.support.Fixtures.TestPatron;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import org.junit.jupiter.api.Test;

/**
 * Card → patron answers reused for {@code auth.verification.card-cache-ttl} (issue 20, service/CardResolver): by the
 * service's (movable) clock, evicted by an erasure, and reused by an age check with a pairwise subject.
 */
@QuarkusTest
@TestProfile(CardCacheTest.Cached.class)
class CardCacheTest extends AuthTestBase {

    /** The production lifetime (tests otherwise ask patron-service every time). */
    public static class Cached implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.verification.card-cache-ttl", "PT30S");
        }
    }

    /** Time stands still unless a test moves it: the lifetime is judged only by these moves. */
    @org.junit.jupiter.api.BeforeEach
    void stopTheClock() {
        clock.set(java.time.Instant.now());
    }

    /**
     * How often patron-service's stub was asked to resolve {@code card}. Tests compare counts (no new request = the
     * cache answered; more = asked again) rather than exact numbers: on a loaded machine the client's one retry after
     * a timeout adds a request.
     */
    private static long resolves(String card) {
        return EdgeStubResource.server("patron-service").requests("/internal/v1/patrons/resolve").stream()
                .filter(r -> r.body().contains(card)).count();
    }

    @Test
    void aCardIsResolvedOncePerLifetimeAndARetiredCardStopsVerifyingWhenItEnds() {
        TestPatron p = Fixtures.patron();
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(true));
        long first = resolves(p.cardNumber());
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(true));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", "9999").body("reason", equalTo("INVALID"));
        assertEquals(first, resolves(p.cardNumber()), "no resolve for the later verifications within the lifetime");
        // The card is retired at patron-service (no event reaches auth-service): the answer of 29 s ago still holds.
        Fixtures.retire(p);
        clock.advance(Duration.ofSeconds(29));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(true));
        assertEquals(first, resolves(p.cardNumber()));
        // At 30 s the answer has expired: patron-service is asked again and the retired card is refused (R1).
        clock.advance(Duration.ofSeconds(1));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("reason", equalTo("INVALID"));
        assertTrue(resolves(p.cardNumber()) > first);
    }

    @Test
    void aClockSetBackNeverMakesAnAnswerFresh() {
        TestPatron p = Fixtures.patron();
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(true));
        long first = resolves(p.cardNumber());
        clock.advance(Duration.ofSeconds(-1));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(true));
        assertTrue(resolves(p.cardNumber()) > first, "an answer from the clock's future is not reused");
    }

    @Test
    void anErasureEvictsThePatronsCardsAtOnce() {
        TestPatron p = Fixtures.patron();
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(true));
        long first = resolves(p.cardNumber());
        Fixtures.internal().body(List.of(p.patronId())).post("/internal/v1/erasures").then().statusCode(204);
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("reason", equalTo("INVALID"));
        assertTrue(resolves(p.cardNumber()) > first, "asked again after the erasure");
    }

    @Test
    void anAgeCheckWithASubjectReusesTheVerificationsAnswer() {
        TestPatron p = Fixtures.patron(LocalDate.of(2000, 1, 1), "IDENTITY_NUMBER", false);
        Fixtures.memberships(p, Fixtures.OSLO);
        String subject = Fixtures.filmoteket(p.cardNumber(), PIN).body("valid", equalTo(true)).extract().path("subject");
        long first = resolves(p.cardNumber());
        Fixtures.as("partner-filmoteket", "partner.auth").body(Map.of("subject", subject, "age", 18))
                .post("/api/v1/age-checks").then().statusCode(200).body("reached", equalTo(true));
        assertEquals(first, resolves(p.cardNumber()), "the age check asked patron-service nothing");
        // After the lifetime the age check asks again (the subject itself stays valid for 15 minutes).
        clock.advance(Duration.ofMinutes(1));
        Fixtures.as("partner-filmoteket", "partner.auth").body(Map.of("subject", subject, "age", 18))
                .post("/api/v1/age-checks").then().statusCode(200).body("reached", equalTo(true));
        assertTrue(resolves(p.cardNumber()) > first);
    }
}
