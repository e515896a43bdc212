package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.ADMIN;
import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.idporten;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 end to end through the gateway (R20): a citizen self-registers at 2030000 with a PIN, Allbok
 * verifies the card, the citizen unregisters and gets the list of their libraries with the sentence about local
 * loans, fines and claims; afterwards the card number answers 404 to a library's lookup and {@code INVALID} to the
 * partner verification. Needs patron, membership, numberseries, auth and notification running.
 */
@RunningSuite
class UnregistrationSliceTest {

    private static final String PIN = "4831";

    @Test
    void aPatronUnregistersAndTheirCardNumberIsGoneEverywhere() throws Exception {
        String admin = maskinporten(ADMIN, "admin");
        // Allbok (e-books) needs no paying library: the self-registered patron's membership at the IN_PERSON
        // library 2030000 is still pending, and entitlement is not what this scenario is about.
        gateway(admin).body("{\"name\": \"Allbok\", \"kind\": \"EBOOK\", \"ageThresholds\": [], "
                + "\"requiresPayingLibrary\": false}").put("/api/v1/partners/allbok")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));

        String identityNumber = SyntheticIdentityNumbers.bornOn(LocalDate.of(1985, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000)));
        String email = "siri-" + java.util.UUID.randomUUID() + "@example.no";
        String mobile = "+479" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        String citizen = idporten(identityNumber, "idporten-loa-substantial");
        String card = gateway(citizen).body("""
                {"givenNames": "Siri", "surname": "Utmeldt", "homeLibrary": "2030000", "email": "%s",
                 "phones": {"mobile": "%s"}, "language": "nb", "pin": "%s"}""".formatted(email, mobile, PIN))
                .post("/api/v1/me").then().statusCode(201).extract().path("cards[0].cardNumber");
        String library = maskinporten("library-system-2030000", "patrons.read");
        gateway(library).header("Library-Number", "2030000").get("/api/v1/patrons/" + card).then().statusCode(200);
        String partner = maskinporten("partner-allbok", "partner.auth");
        String verification = "{\"cardNumber\": \"" + card + "\", \"pin\": \"" + PIN + "\"}";
        gateway(partner).body(verification).post("/api/v1/authentications/partner").then().statusCode(200)
                .body("valid", equalTo(true));

        gateway(citizen).delete("/api/v1/me").then().statusCode(200)
                .body("libraries.libraryNumber", hasItem("2030000"))
                .body("retiredCardNumbers", hasItem(card))
                .body("message", containsString("Loans, fines or claims"));

        gateway(library).header("Library-Number", "2030000").get("/api/v1/patrons/" + card).then().statusCode(404);
        gateway(citizen).get("/api/v1/me").then().statusCode(404);
        String reason = null;
        for (int i = 0; i < 40 && !"INVALID".equals(reason); i++) {
            reason = gateway(partner).body(verification).post("/api/v1/authentications/partner").then().statusCode(200)
                    .body("valid", equalTo(false)).extract().path("reason");
            if (!"INVALID".equals(reason)) {
                Thread.sleep(250);
            }
        }
        assertEquals("INVALID", reason);

        // Nothing personal is left in any service (their erasure-verify contracts, asked by NB's check), while
        // the card number stays RETIRED in numberseries, never to be issued again. Erasures travel through the
        // outboxes, so the check is repeated until they have arrived.
        String subjects = "[{\"identityNumber\": \"" + identityNumber + "\", \"email\": \"" + email
                + "\", \"phone\": \"" + mobile + "\"}]";
        Boolean clean = false;
        for (int i = 0; i < 120 && !Boolean.TRUE.equals(clean); i++) {
            clean = gateway(maskinporten(ADMIN, "admin")).body(subjects).post("/api/v1/admin/erasure-checks")
                    .then().statusCode(200).extract().path("clean");
            if (!Boolean.TRUE.equals(clean)) {
                Thread.sleep(250);
            }
        }
        assertEquals(Boolean.TRUE, clean, "every service reports nothing held about the unregistered person");
        String state = null;
        for (int i = 0; i < 120 && !"RETIRED".equals(state); i++) {
            state = gateway(maskinporten("library-system-2030000", "series")).get("/api/v1/card-numbers/" + card)
                    .then().statusCode(200).extract().path("state");
            if (!"RETIRED".equals(state)) {
                Thread.sleep(250);
            }
        }
        assertEquals("RETIRED", state);
    }

}
