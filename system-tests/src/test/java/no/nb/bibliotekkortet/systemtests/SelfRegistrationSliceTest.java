package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.ADMIN;
import static no.nb.bibliotekkortet.systemtests.support.Suite.freshLibrary;
import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.idporten;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesRegex;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 end to end through the gateway with real ID-porten-shaped tokens from the mock (R8, R9, R10, R16, R22):
 * a citizen self-registers choosing 2030000, gets a digital card number and sees the full record at /me; a
 * guardian registers a 10-year-old child; the self-registered patron adds a DIGITAL library and activates it with
 * the current rules version, adds an IN_PERSON library and is refused activation, sees both in "my libraries"
 * (one ACTIVE, one PENDING_ACTIVATION besides the home library), and moves the home library to the active one.
 * Needs patron, membership, numberseries, auth and notification running (dev profile: synthetic identities).
 */
@RunningSuite
class SelfRegistrationSliceTest {

    @Test
    void aCitizenSelfRegistersAGuardianRegistersAChildAndThePatronManagesLibraries() {
        String citizen = idporten(SyntheticIdentityNumbers.bornOn(LocalDate.of(1990, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000))),
                "idporten-loa-substantial");
        gateway(citizen).body("""
                {"givenNames": "Máret", "surname": "Čáhppes", "homeLibrary": "2030000", "email": "maret@example.no",
                 "phones": {"mobile": "41234567"}, "language": "nb", "pin": "4831"}""")
                .post("/api/v1/me").then().statusCode(201)
                .body("cards[0].kind", equalTo("DIGITAL")).body("cards[0].cardNumber", matchesRegex("N\\d{9}"))
                .body("homeLibrary", equalTo("2030000"));
        gateway(citizen).get("/api/v1/me").then().statusCode(200)
                .body("birthDateSource", equalTo("IDENTITY_NUMBER")).body("email", equalTo("maret@example.no"))
                .body("children", hasSize(0));

        String guardian = idporten(SyntheticIdentityNumbers.bornOn(LocalDate.of(1980, 3, 3).plusDays(ThreadLocalRandom.current().nextInt(3000))),
                "idporten-loa-high");
        String child = SyntheticIdentityNumbers.bornOn(LocalDate.now().minusYears(10).minusDays(ThreadLocalRandom.current().nextInt(1, 300)));
        gateway(guardian).body("""
                {"identityNumber": "%s", "givenNames": "Ánde", "surname": "Čáhppes", "homeLibrary": "2030000",
                 "guardianContact": {"email": "guardian@example.no"}}""".formatted(child))
                .post("/api/v1/me/children").then().statusCode(201)
                .body("relationship.declaredBy", equalTo("GUARDIAN"));
        gateway(guardian).get("/api/v1/me/children").then().statusCode(200).body("$", hasSize(1));

        String digital = freshLibrary("DIGITAL");
        String inPerson = freshLibrary("IN_PERSON");
        gateway(citizen).body("{\"libraryNumber\": \"" + digital + "\"}").post("/api/v1/me/memberships")
                .then().statusCode(201).body("state", equalTo("PENDING_ACTIVATION"));
        int rules = gateway(maskinporten("library-system-2030000", "memberships")).get("/api/v1/libraries/" + digital)
                .then().statusCode(200).extract().path("loanRules.version");
        gateway(citizen).body("{\"rulesVersion\": " + rules + "}").post("/api/v1/me/memberships/" + digital + "/activation")
                .then().statusCode(200).body("state", equalTo("ACTIVE"));
        gateway(citizen).body("{\"libraryNumber\": \"" + inPerson + "\"}").post("/api/v1/me/memberships")
                .then().statusCode(201);
        gateway(citizen).body("{\"rulesVersion\": 1}").post("/api/v1/me/memberships/" + inPerson + "/activation")
                .then().statusCode(409);
        gateway(citizen).get("/api/v1/me/memberships").then().statusCode(200)
                .body("find { it.libraryNumber == '" + digital + "' }.state", equalTo("ACTIVE"))
                .body("find { it.libraryNumber == '" + inPerson + "' }.state", equalTo("PENDING_ACTIVATION"));
        gateway(citizen).body("{\"libraryNumber\": \"" + digital + "\"}").put("/api/v1/me/home-library")
                .then().statusCode(200).body("find { it.home }.libraryNumber", equalTo(digital));
    }

}
