package no.nb.bibliotekkortet.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.Test;

/**
 * Delivery against real edges: GreenMail as the SMTP server (stopped and started for an outage), an
 * HTTP stub as SMS provider and as patron-service's contact contract.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification_test"))
@QuarkusTestResource(EdgeServers.class)
class DeliveryTest {

    private static String uniquePhone() {
        return "+4741" + String.format("%06d", (int) (Math.random() * 1_000_000));
    }

    private static String sms(String key, String phone, String template, String params) {
        return "{\"idempotencyKey\":\"" + key + "\",\"recipient\":{\"phone\":\"" + phone + "\"},\"channel\":\"SMS\","
                + "\"template\":\"" + template + "\",\"params\":" + params + "}";
    }

    @Test
    void smtpDownThenUpDeliversExactlyOnce() throws Exception {
        String email = Api.uniqueEmail();
        EdgeServers.smtpStop();
        // Time stands still during the outage and moves only when the test says so: exactly the attempts the test
        // asks for, however slow this machine is (otherwise the retry limit can be reached before the restart).
        clock.set(java.time.Instant.now());
        String id;
        try {
            id = Api.send(Api.welcome(Api.uniqueKey(), email)).then().statusCode(202).extract().path("id");
            Api.await("a failed attempt", Duration.ofSeconds(60), () -> failedAttempts(id, 1));
            clock.advance(Duration.ofSeconds(1)); // past the test profile's longest backoff (300 ms)
            Api.await("a second failed attempt", Duration.ofSeconds(60), () -> failedAttempts(id, 2));
            assertEquals(2, (Integer) Api.status(id, "attempts"), "no retry before the clock moved");
            String lastError = Api.status(id, "lastError");
            assertNotNull(lastError);
            assertTrue(!lastError.contains(email), lastError);
        } finally {
            EdgeServers.smtpStart();
            clock.reset();
        }
        Api.awaitStatus(id, "sent");
        Thread.sleep(500);
        assertEquals(1, EdgeServers.mailsTo(email).size());
        assertTrue((Integer) Api.status(id, "attempts") >= 3);
    }

    private static boolean failedAttempts(String id, int attempts) {
        return (Integer) Api.status(id, "attempts") >= attempts && "failed-will-retry".equals(Api.status(id, "status"));
    }

    @jakarta.inject.Inject
    TestClock clock;

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private double count(String name, String template) {
        return registry.get(name).tag("channel", "SMS").tag("template", template).counter().count();
    }

    @Test
    void deadAfterTheRetryLimitAndVisibleInMetrics() {
        double dead = count("notifications.dead", "library-full-access");
        double failed = count("notifications.failed", "library-full-access");
        double sent = count("notifications.sent", "library-full-access");
        String phone = uniquePhone();
        EdgeServers.smsAnswer(phone, 503);
        String id = Api.send(sms(Api.uniqueKey(), phone, "library-full-access", "{\"library\":\"Tromsø bibliotek\"}"))
                .then().statusCode(202).extract().path("id");
        Api.awaitStatus(id, "dead");
        assertEquals(8, (Integer) Api.status(id, "attempts"));
        assertEquals("SMS provider: HTTP 503", Api.status(id, "lastError"));
        assertEquals(0, EdgeServers.smsContaining(phone).size());
        Api.await("dead counter", Duration.ofSeconds(30), () -> count("notifications.dead", "library-full-access") >= dead + 1);
        assertTrue(count("notifications.failed", "library-full-access") >= failed + 8, "each failed attempt counted");
        assertEquals(sent, count("notifications.sent", "library-full-access"));
    }

    @Test
    void permanentRefusalIsDeadAtOnce() {
        String phone = uniquePhone();
        EdgeServers.smsAnswer(phone, 400);
        String id = Api.send(sms(Api.uniqueKey(), phone, "deleted-inactive", "{}"))
                .then().statusCode(202).extract().path("id");
        Api.awaitStatus(id, "dead");
        assertEquals(1, (Integer) Api.status(id, "attempts"));
        // A deletion notice is erased at once when it reaches its final state.
        assertEquals(true, Api.status(id, "personalDataErased"));
    }

    @Test
    void smsCarriesSenderEncodingAndParts() {
        String phone = uniquePhone();
        String id = Api.send(sms(Api.uniqueKey(), phone, "child-registered",
                "{\"childName\":\"Máret Ŋuolja\",\"cardNumber\":\"N000106191\"}")).then().statusCode(202).extract().path("id");
        Api.awaitStatus(id, "sent");
        List<EdgeServers.Recorded> sent = EdgeServers.smsContaining(phone);
        assertEquals(1, sent.size());
        String body = sent.get(0).body();
        assertTrue(body.contains("\"encoding\":\"UCS2\""), body);
        assertTrue(body.contains("\"parts\":2"), body);
        assertTrue(body.contains("\"from\":\"Biblkortet\""), body);
        assertTrue(body.contains("\"reference\":\"" + id + "\""), body);
        assertTrue(sent.get(0).authorization().startsWith("Basic "), "provider credentials sent");

        String phone2 = uniquePhone();
        String id2 = Api.send(sms(Api.uniqueKey(), phone2, "welcome",
                "{\"cardNumber\":\"N000106192\",\"homeLibrary\":\"Ørsta bibliotek\"}")).then().statusCode(202).extract().path("id");
        Api.awaitStatus(id2, "sent");
        String body2 = EdgeServers.smsContaining(phone2).get(0).body();
        assertTrue(body2.contains("\"encoding\":\"GSM7\"") && body2.contains("\"parts\":1"), body2);
    }

    @Test
    void patronContactIsFetchedAtSendTimeInThePatronsLanguage() throws Exception {
        String patronId = "p-" + UUID.randomUUID();
        String email = Api.uniqueEmail();
        EdgeServers.contact(patronId, "{\"email\":\"" + email + "\",\"phone\":null,\"preferredChannel\":\"EMAIL\","
                + "\"language\":\"nn\",\"guardian\":null,\"addressProtected\":true,\"somethingNew\":1}");
        String id = Api.send("{\"idempotencyKey\":\"" + Api.uniqueKey() + "\",\"recipient\":{\"patronId\":\"" + patronId
                + "\"},\"channel\":\"PREFERRED\",\"template\":\"welcome\",\"params\":{\"cardNumber\":\"N000106193\","
                + "\"homeLibrary\":\"Deichman Bjørvika\"}}").then().statusCode(202).extract().path("id");
        Api.awaitStatus(id, "sent");
        List<MimeMessage> mails = EdgeServers.mailsTo(email);
        assertEquals(1, mails.size());
        assertEquals("Velkomen som lånar", mails.get(0).getSubject());
        String auth = EdgeServers.contactCalls(patronId).get(0).authorization();
        assertTrue(auth != null && auth.startsWith("Bearer "), "service token sent to patron-service");
    }

    @Test
    void childWithoutContactDataIsReachedThroughTheGuardian() {
        String patronId = "p-" + UUID.randomUUID();
        String phone = uniquePhone();
        EdgeServers.contact(patronId, "{\"email\":null,\"phone\":null,\"preferredChannel\":\"SMS\",\"language\":\"en\","
                + "\"guardian\":{\"email\":null,\"phone\":\"" + phone + "\"},\"addressProtected\":false}");
        String id = Api.send("{\"idempotencyKey\":\"" + Api.uniqueKey() + "\",\"recipient\":{\"patronId\":\"" + patronId
                + "\"},\"channel\":\"PREFERRED\",\"template\":\"guardian-access-ended\",\"params\":{\"childName\":\"Ola\"}}")
                .then().statusCode(202).extract().path("id");
        Api.awaitStatus(id, "sent");
        assertEquals("SMS", Api.status(id, "deliveredChannel"));
        assertTrue(EdgeServers.smsContaining(phone).get(0).body().contains("has turned 15"));
    }

    @Test
    void unknownPatronIsDeadAtOnceAndPatronServiceErrorsAreRetried() {
        String gone = "p-" + UUID.randomUUID();
        String id = Api.send("{\"idempotencyKey\":\"" + Api.uniqueKey() + "\",\"recipient\":{\"patronId\":\"" + gone
                + "\"},\"channel\":\"EMAIL\",\"template\":\"library-full-access\",\"params\":{\"library\":\"X\"}}")
                .then().statusCode(202).extract().path("id");
        Api.awaitStatus(id, "dead");
        assertEquals(1, (Integer) Api.status(id, "attempts"));

        String flaky = "p-" + UUID.randomUUID();
        String email = Api.uniqueEmail();
        EdgeServers.contact(flaky, "{\"email\":\"" + email + "\",\"language\":\"en\"}");
        EdgeServers.contactStatus(flaky, 503);
        clock.set(java.time.Instant.now()); // no retry until patron-service answers again (see smtpDownThenUp...)
        String id2;
        try {
            id2 = Api.send("{\"idempotencyKey\":\"" + Api.uniqueKey() + "\",\"recipient\":{\"patronId\":\"" + flaky
                    + "\"},\"channel\":\"EMAIL\",\"template\":\"library-full-access\",\"params\":{\"library\":\"X\"}}")
                    .then().statusCode(202).extract().path("id");
            Api.await("a failed attempt", Duration.ofSeconds(60), () -> failedAttempts(id2, 1));
            EdgeServers.contact(flaky, "{\"email\":\"" + email + "\",\"language\":\"en\"}");
        } finally {
            clock.reset();
        }
        Api.awaitStatus(id2, "sent");
        assertEquals(1, EdgeServers.mailsTo(email).size());
    }
}
