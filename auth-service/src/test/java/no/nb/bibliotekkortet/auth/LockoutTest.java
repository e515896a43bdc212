package no.nb.bibliotekkortet.auth;

import static no.nb.bibliotekkortet.auth.support.Fixtures.PIN;
import static no.nb.bibliotekkortet.auth.support.Fixtures.filmoteket;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import no.nb.bibliotekkortet.auth.support.Fixtures.TestPatron;
import org.junit.jupiter.api.Test;

/** Lockout (issue 6) through HTTP with real partner tokens (Allbok: no paying library needed). */
@QuarkusTest
class LockoutTest extends AuthTestBase {

    private static io.restassured.response.ValidatableResponse allbok(String card, String pin) {
        return Fixtures.partnerVerify("partner-allbok", card, "pin", pin);
    }

    private static void failTimes(TestPatron p, int n) {
        for (int i = 0; i < n; i++) {
            allbok(p.cardNumber(), "9999").statusCode(200).body("valid", equalTo(false)).body("reason", equalTo("INVALID"));
        }
    }

    @Test
    void fiveFailuresLockAndTheRightPinIsThenRefused() {
        TestPatron p = Fixtures.patron();
        failTimes(p, 5);
        allbok(p.cardNumber(), PIN).statusCode(200).body("valid", equalTo(false)).body("reason", equalTo("LOCKED"));
        clock.advance(Duration.ofMinutes(14));
        allbok(p.cardNumber(), PIN).body("reason", equalTo("LOCKED"));
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        allbok(p.cardNumber(), PIN).body("valid", equalTo(true));
    }

    @Test
    void aSuccessInBetweenResetsTheCount() {
        TestPatron p = Fixtures.patron();
        failTimes(p, 2);
        allbok(p.cardNumber(), PIN).body("valid", equalTo(true));
        failTimes(p, 3);
        allbok(p.cardNumber(), PIN).body("valid", equalTo(true));
        failTimes(p, 4);
        allbok(p.cardNumber(), PIN).body("valid", equalTo(true));
    }

    @Test
    void locksDoubleAndTheFourthIsHardUntilStaffReset() {
        TestPatron p = Fixtures.patron();
        Fixtures.memberships(p, Fixtures.OSLO);
        long[] minutes = {15, 30, 60};
        for (long m : minutes) {
            failTimes(p, 5);
            clock.advance(Duration.ofMinutes(m).minusSeconds(10));
            allbok(p.cardNumber(), PIN).body("reason", equalTo("LOCKED"));
            clock.advance(Duration.ofSeconds(11));
        }
        failTimes(p, 5);
        clock.advance(Duration.ofDays(30));
        allbok(p.cardNumber(), PIN).body("reason", equalTo("LOCKED"));
        Fixtures.as("library-system-2030000", "patrons.write").header("Library-Number", Fixtures.OSLO)
                .body(Map.of("cardNumber", p.cardNumber(), "pin", "5816"))
                .post("/api/v1/patron-credentials/resets").then().statusCode(204);
        allbok(p.cardNumber(), "5816").body("valid", equalTo(true));
        allbok(p.cardNumber(), PIN).body("reason", equalTo("INVALID"));
    }

    @Test
    void emptyNullAndMissingSecretsAreFailuresThatCount() {
        TestPatron p = Fixtures.patron();
        Map<String, Object> nullPin = new HashMap<>();
        nullPin.put("cardNumber", p.cardNumber());
        nullPin.put("pin", null);
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", "").body("reason", equalTo("INVALID"));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "password", "").body("reason", equalTo("INVALID"));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), null, null).body("reason", equalTo("INVALID"));
        Fixtures.as("partner-allbok", "partner.auth").body(nullPin).post("/api/v1/authentications/partner").then()
                .statusCode(200).body("reason", equalTo("INVALID"));
        allbok(p.cardNumber(), "9999").body("reason", equalTo("INVALID"));
        allbok(p.cardNumber(), PIN).body("reason", equalTo("LOCKED"));
    }

    @jakarta.inject.Inject
    no.nb.bibliotekkortet.auth.service.SecretHasher hasher;

    /**
     * An unknown card and a known card with a wrong PIN get the same body after the same work: exactly one Argon2id
     * computation each (the unknown card is checked against a dummy hash), shown by the hasher's count, not by timing.
     */
    @Test
    void unknownAndKnownCardsAnswerAlike() {
        TestPatron p = Fixtures.patron();
        String unknown = Fixtures.unknownCard();
        long before = hasher.computed();
        String knownBody = allbok(p.cardNumber(), "9998").extract().asString();
        long afterKnown = hasher.computed();
        String missingBody = allbok(unknown, "9998").extract().asString();
        long afterUnknown = hasher.computed();
        assertEquals(knownBody, missingBody);
        assertEquals("{\"valid\":false,\"reason\":\"INVALID\"}", missingBody);
        assertEquals(1, afterKnown - before, "hashes for a known card with a wrong PIN");
        assertEquals(1, afterUnknown - afterKnown, "hashes for an unknown card");
    }
}
