package no.nb.bibliotekkortet.auth;

import static no.nb.bibliotekkortet.auth.support.Fixtures.PIN;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import no.nb.bibliotekkortet.auth.support.Fixtures.TestPatron;
import org.junit.jupiter.api.Test;

/** Door access at self-service libraries (R2): member, no lock, minimum age; no personal data. */
@QuarkusTest
class DoorAccessTest extends AuthTestBase {

    private static final String PATH = "/api/v1/open-library/2030000/door-access";

    private static io.restassured.response.ValidatableResponse door(String card, String pin) {
        return Fixtures.as("door-system-2030000", "door").body(Map.of("cardNumber", card, "pin", pin)).post(PATH).then();
    }

    @Test
    void securityCases() {
        TestPatron p = Fixtures.patron();
        io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("cardNumber", p.cardNumber(), "pin", PIN)).post(PATH).then().statusCode(401);
        Fixtures.as("door-system-2030000", "partner.auth").body(Map.of("cardNumber", p.cardNumber(), "pin", PIN))
                .post(PATH).then().statusCode(403);
        Fixtures.as("door-system-2030000", "door").body(Map.of("cardNumber", p.cardNumber(), "pin", PIN))
                .post("/api/v1/open-library/2120100/door-access").then().statusCode(403);
        Fixtures.as("door-system-2030000", "door").body(Map.of("cardNumber", p.cardNumber(), "password", "x"))
                .post(PATH).then().statusCode(400);
    }

    @Test
    void memberOfAgeIsGrantedWithNoPersonalData() {
        TestPatron p = Fixtures.patron();
        Fixtures.memberships(p, Fixtures.OSLO);
        Map<String, Object> answer = door(p.cardNumber(), PIN).statusCode(200).body("granted", equalTo(true))
                .body("reason", nullValue()).extract().as(Map.class);
        assertEquals(Set.of("granted"), answer.keySet());
    }

    @Test
    void nonMemberIsDenied() {
        TestPatron p = Fixtures.patron();
        Fixtures.memberships(p, Fixtures.BERGEN);
        Map<String, Object> answer = door(p.cardNumber(), PIN).statusCode(200).body("granted", equalTo(false))
                .body("reason", equalTo("NOT_MEMBER")).extract().as(Map.class);
        assertEquals(Set.of("granted", "reason"), answer.keySet());
    }

    @Test
    void tooYoungIsDeniedUntilTheMinimumAge() {
        TestPatron p = Fixtures.patron(LocalDate.of(2011, 9, 1), "IDENTITY_NUMBER", false);
        Fixtures.memberships(p, Fixtures.OSLO);
        clock.set(Instant.parse("2026-08-31T10:00:00Z"));
        door(p.cardNumber(), PIN).body("granted", equalTo(false)).body("reason", equalTo("TOO_YOUNG"));
        clock.set(Instant.parse("2026-09-01T10:00:00Z"));
        door(p.cardNumber(), PIN).body("granted", equalTo(true));
    }

    @Test
    void aDeclaredBirthDateProvesNoAgeAtALibraryWithAMinimumAge() {
        TestPatron declared = Fixtures.patron(LocalDate.of(1990, 1, 1), "DECLARED", false);
        Fixtures.memberships(declared, Fixtures.OSLO);
        door(declared.cardNumber(), PIN).statusCode(200).body("granted", equalTo(false))
                .body("reason", equalTo("UNVERIFIED_BIRTH_DATE"));
        TestPatron verified = Fixtures.patron(LocalDate.of(1990, 1, 1), "VERIFIED_IN_PERSON", false);
        Fixtures.memberships(verified, Fixtures.OSLO);
        door(verified.cardNumber(), PIN).statusCode(200).body("granted", equalTo(true));
    }

    @Test
    void failuresCountTowardTheLockAndALockedCardIsDenied() {
        TestPatron p = Fixtures.patron();
        Fixtures.memberships(p, Fixtures.OSLO);
        for (int i = 0; i < 5; i++) {
            door(p.cardNumber(), "9999").body("granted", equalTo(false)).body("reason", equalTo("INVALID"));
        }
        door(p.cardNumber(), PIN).body("granted", equalTo(false)).body("reason", equalTo("LOCKED"));
        door(Fixtures.unknownCard(), PIN).body("granted", equalTo(false)).body("reason", equalTo("INVALID"));
    }
}
