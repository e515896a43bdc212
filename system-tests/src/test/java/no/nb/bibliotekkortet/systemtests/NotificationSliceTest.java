package no.nb.bibliotekkortet.systemtests;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.systemtests.support.Suite.ADMIN;
import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.mailApiUrl;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 end to end: messages travel from the service that decided them, through its outbox, to
 * notification-service, and out over real SMTP to the local sink (GreenMail). The staff-registered
 * patron's {@code welcome} arrives in the patron's language (nynorsk here), and a DPA reminder (R23) reaches
 * the library's contact address.
 */
@RunningSuite
class NotificationSliceTest {

    @Test
    void welcomeMailArrivesInThePatronsLanguage() {
        String email = "velkomen-" + UUID.randomUUID() + "@example.no";
        String body = """
                {"identityNumber": "%s", "givenNames": "Áile", "surname": "Ŋuolja",
                 "permanentAddress": {"streetLines": ["Kyrkjevegen 2"], "postcode": "5003", "place": "Bergen"},
                 "phones": {"mobile": "41234568"}, "email": "%s", "language": "nn"}"""
                .formatted(SyntheticIdentityNumbers.next(), email);
        String cardNumber = gateway(maskinporten("library-system-2030000", "patrons.write")).header("Library-Number", "2030000")
                .body(body).post("/api/v1/patrons").then().statusCode(201).extract().path("cards[0].cardNumber");

        Map<String, Object> mail = awaitMail(email);
        assertEquals("Velkomen som lånar", mail.get("subject"), "nynorsk subject");
        String mime = (String) mail.get("mimeMessage");
        assertTrue(mime.contains(cardNumber), "the card number is in the message");
        assertFalse(mime.contains("Kyrkjevegen"), "no address in a notification");
    }

    @Test
    void dataProcessingAgreementReminderReachesTheLibrarysContactAddress() {
        String number = String.valueOf(9_000_000 + ThreadLocalRandom.current().nextInt(1_000_000));
        String contact = "post-" + number + "@bibliotek.example.no";
        gateway(maskinporten(ADMIN, "admin"))
                .body("{\"libraryNumber\": \"" + number + "\", \"name\": \"Varsel " + number + "\", \"type\": 2, "
                        + "\"municipalityCode\": \"4601\", \"activationMode\": \"IN_PERSON\", \"contactEmail\": \"" + contact + "\"}")
                .post("/api/v1/libraries").then().statusCode(201);
        gateway(maskinporten("biblioteksok", "ill"))
                .body("{\"libraryNumber\": \"" + number + "\", \"orderedBy\": \"STAFF\"}")
                .post("/api/v1/ill/authorisations").then().statusCode(200);

        Map<String, Object> mail = awaitMail(contact);
        assertEquals("Påminnelse: databehandleravtale for Varsel " + number, mail.get("subject"));
    }

    /** Polls the SMTP sink's API for the first message to {@code address} (outbox and delivery run every second). */
    private static Map<String, Object> awaitMail(String address) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            String json = given().get(mailApiUrl() + "/api/user/" + address + "/messages/INBOX").then().extract().asString();
            if (json.startsWith("[")) {
                List<Map<String, Object>> messages = JsonPath.from(json).getList("$");
                if (!messages.isEmpty()) {
                    return messages.get(0);
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("No mail to " + address + " within 60 s");
    }
}
