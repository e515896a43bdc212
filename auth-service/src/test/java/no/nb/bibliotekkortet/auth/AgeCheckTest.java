package no.nb.bibliotekkortet.auth;

import static no.nb.bibliotekkortet.auth.support.Fixtures.PIN;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import no.nb.bibliotekkortet.auth.support.Fixtures.TestPatron;
import org.junit.jupiter.api.Test;

/** Age checks (R18): Europe/Oslo date, 29 February, registered thresholds, daily limit, pairwise subjects. */
@QuarkusTest
class AgeCheckTest extends AuthTestBase {

    private static io.restassured.response.ValidatableResponse ask(String client, Map<String, Object> body) {
        return Fixtures.as(client, "partner.auth").body(body).post("/api/v1/age-checks").then();
    }

    private static Map<String, Object> card(TestPatron p, String pin, int age) {
        Map<String, Object> m = new HashMap<>();
        m.put("cardNumber", p.cardNumber());
        m.put("pin", pin);
        m.put("age", age);
        return m;
    }

    private TestPatron member(LocalDate born, String source) {
        TestPatron p = Fixtures.patron(born, source, false);
        Fixtures.memberships(p, Fixtures.OSLO);
        return p;
    }

    @Test
    void dayBeforeAndDayOfTheBirthdayOnTheOsloDate() {
        TestPatron p = member(LocalDate.of(2010, 3, 1), "IDENTITY_NUMBER");
        clock.set(Instant.parse("2025-02-28T12:00:00Z"));
        ask("partner-filmoteket", card(p, PIN, 15)).statusCode(200).body("reached", equalTo(false))
                .body("reason", nullValue());
        // 23:30 UTC on 28 February is already 1 March in Oslo.
        clock.set(Instant.parse("2025-02-28T23:30:00Z"));
        ask("partner-filmoteket", card(p, PIN, 15)).statusCode(200).body("reached", equalTo(true));
    }

    @Test
    void leapDayBirthdayReachesOnFirstMarchInANonLeapYear() {
        TestPatron p = member(LocalDate.of(2008, 2, 29), "IDENTITY_NUMBER");
        clock.set(Instant.parse("2023-02-28T12:00:00Z"));
        ask("partner-filmoteket", card(p, PIN, 15)).body("reached", equalTo(false));
        clock.set(Instant.parse("2023-03-01T12:00:00Z"));
        ask("partner-filmoteket", card(p, PIN, 15)).body("reached", equalTo(true));
    }

    @Test
    void unregisteredThresholdIs422AndBadPinIsInvalidNotFalse() {
        TestPatron p = member(LocalDate.of(2000, 1, 1), "IDENTITY_NUMBER");
        ask("partner-filmoteket", card(p, PIN, 14)).statusCode(422).body("field", equalTo("age"));
        ask("partner-allbok", card(p, PIN, 18)).statusCode(422).body("field", equalTo("age"));
        ask("partner-filmoteket", card(p, "9999", 18)).statusCode(200).body("reason", equalTo("INVALID"))
                .body("reached", nullValue());
        Map<String, Object> noAge = card(p, PIN, 18);
        noAge.remove("age");
        ask("partner-filmoteket", noAge).statusCode(400).body("field", equalTo("age"));
        Map<String, Object> textAge = card(p, PIN, 18);
        textAge.put("age", "18");
        ask("partner-filmoteket", textAge).statusCode(400);
        Map<String, Object> hugeAge = card(p, PIN, 18);
        hugeAge.put("age", 99_999_999_999L);
        ask("partner-filmoteket", hugeAge).statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("age")).body("rule", equalTo("a number within range"));
    }

    @Test
    void declaredBirthDateAnswersUnverified() {
        TestPatron p = member(LocalDate.of(2000, 1, 1), "DECLARED");
        ask("partner-filmoteket", card(p, PIN, 18)).statusCode(200).body("reason", equalTo("UNVERIFIED_BIRTH_DATE"))
                .body("reached", nullValue());
    }

    @Test
    void perPatronAndPartnerDailyLimit() {
        TestPatron p = member(LocalDate.of(2000, 1, 1), "IDENTITY_NUMBER");
        Fixtures.memberships(p, Fixtures.OSLO, Fixtures.BERGEN);
        clock.set(Instant.parse("2025-06-10T08:00:00Z"));
        for (int i = 0; i < 3; i++) {
            ask("partner-filmoteket", card(p, PIN, 18)).statusCode(200).body("reached", equalTo(true));
        }
        String retry = ask("partner-filmoteket", card(p, PIN, 18)).statusCode(429).extract().header("Retry-After");
        assertEquals(Duration.ofHours(14).toSeconds(), Long.parseLong(retry), 2); // until Oslo midnight (UTC+2)
        ask("partner-cineast", card(p, PIN, 18)).statusCode(200).body("reached", equalTo(true));
        clock.set(Instant.parse("2025-06-10T22:00:01Z"));
        ask("partner-filmoteket", card(p, PIN, 18)).statusCode(200).body("reached", equalTo(true));
    }

    @Test
    void aRecentPairwiseSubjectReplacesCardAndPinForThatPartnerOnly() {
        TestPatron p = member(LocalDate.of(2012, 5, 5), "VERIFIED_IN_PERSON");
        Fixtures.memberships(p, Fixtures.OSLO, Fixtures.BERGEN);
        clock.set(Instant.parse("2027-05-05T09:00:00Z"));
        String subject = Fixtures.filmoteket(p.cardNumber(), PIN).body("valid", equalTo(true)).extract().path("subject");
        clock.advance(Duration.ofMinutes(14));
        ask("partner-filmoteket", Map.of("subject", subject, "age", 15)).statusCode(200).body("reached", equalTo(true));
        ask("partner-filmoteket", Map.of("subject", subject, "age", 18)).statusCode(200).body("reached", equalTo(false));
        ask("partner-cineast", Map.of("subject", subject, "age", 15)).statusCode(200).body("reason", equalTo("INVALID"));
        clock.advance(Duration.ofMinutes(2));
        ask("partner-filmoteket", Map.of("subject", subject, "age", 15)).statusCode(200).body("reason", equalTo("INVALID"));
        ask("partner-filmoteket", Map.of("subject", subject, "age", 15, "cardNumber", p.cardNumber()))
                .statusCode(400).body("field", equalTo("subject"));
    }
}
