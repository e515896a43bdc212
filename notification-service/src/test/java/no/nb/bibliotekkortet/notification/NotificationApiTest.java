package no.nb.bibliotekkortet.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import no.nb.bibliotekkortet.notification.repository.NotificationRepository;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The internal send and status API through HTTP with real tokens: 401/403, 202 and status, idempotency
 * (same key twice → one message in the SMTP server), and every bad input → 400 naming the field with
 * nothing stored.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification_test"))
@QuarkusTestResource(EdgeServers.class)
class NotificationApiTest {

    @Inject
    NotificationRepository repository;

    private long storedWithKey(String key) {
        return QuarkusTransaction.requiringNew().call(() -> repository.count("idempotencyKey", key));
    }

    @Test
    void sendWithoutTokenIs401() {
        given().contentType(ContentType.JSON).body(Api.welcome(Api.uniqueKey(), Api.uniqueEmail()))
                .post("/internal/v1/notifications").then().statusCode(401);
        given().get("/internal/v1/notifications/00000000-0000-0000-0000-000000000000").then().statusCode(401);
    }

    @Test
    void publicAudienceTokenIs401() {
        given().auth().oauth2(Tokens.maskinporten("patron-service", "internal")).contentType(ContentType.JSON)
                .body(Api.welcome(Api.uniqueKey(), Api.uniqueEmail()))
                .post("/internal/v1/notifications").then().statusCode(401);
    }

    @Test
    void expiredTokenIs401() {
        given().auth().oauth2(Tokens.expiredInternal("patron-service")).contentType(ContentType.JSON)
                .body(Api.welcome(Api.uniqueKey(), Api.uniqueEmail()))
                .post("/internal/v1/notifications").then().statusCode(401);
    }

    @Test
    void tokenWithoutScopeInternalIs403() {
        String token = Tokens.internalAudience("patron-service", "patrons.read");
        String key = Api.uniqueKey();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Api.welcome(key, Api.uniqueEmail()))
                .post("/internal/v1/notifications").then().statusCode(403);
        given().auth().oauth2(token).get("/internal/v1/notifications/00000000-0000-0000-0000-000000000000")
                .then().statusCode(403);
        assertEquals(0, storedWithKey(key));
    }

    @Test
    void sendIs202AndStatusShowsDeliveryWithoutPersonalData() {
        String email = Api.uniqueEmail();
        String id = Api.send(Api.welcome(Api.uniqueKey(), email)).then().statusCode(202)
                .header("Location", containsString("/internal/v1/notifications/"))
                // The answer carries the current status: on a busy machine the sender may already have claimed it.
                .body("status", org.hamcrest.Matchers.oneOf("queued", "sending", "sent")).extract().path("id");
        Api.awaitStatus(id, "sent");
        given().auth().oauth2(Api.token()).get("/internal/v1/notifications/" + id).then().statusCode(200)
                // attempts: usually 1; once in CI the first SMTP send after DeliveryTest's GreenMail restart hit the
                // 5 s send timeout and the retry delivered it (that path is DeliveryTest's), so only "at least one".
                .body("status", equalTo("sent"), "attempts", greaterThanOrEqualTo(1), "template", equalTo("welcome"),
                        "deliveredChannel", equalTo("EMAIL"), "personalDataErased", equalTo(false))
                .body(not(containsString(email)))
                .body(not(containsString("N000106188")));
        assertEquals(1, EdgeServers.mailsTo(email).size());
    }

    @Test
    void unknownIdIs404() {
        given().auth().oauth2(Api.token()).get("/internal/v1/notifications/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Api.token()).get("/internal/v1/notifications/not-a-uuid").then().statusCode(404);
    }

    @Test
    void sameKeyTwiceIsOneNotificationAndOneMessage() throws Exception {
        String email = Api.uniqueEmail();
        String key = Api.uniqueKey();
        String first = Api.send(Api.welcome(key, email)).then().statusCode(202).extract().path("id");
        // The outbox relay of another service sends the key in the header.
        String second = given().auth().oauth2(Api.token()).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(Api.welcome(null, email))
                .post("/internal/v1/notifications").then().statusCode(202).extract().path("id");
        assertEquals(first, second);
        Api.awaitStatus(first, "sent");
        String third = Api.send(Api.welcome(key, email)).then().statusCode(202).body("status", equalTo("sent"))
                .extract().path("id");
        assertEquals(first, third);
        Thread.sleep(300);
        assertEquals(1, EdgeServers.mailsTo(email).size());
        assertEquals(1, storedWithKey(key));
    }

    @Test
    void bodyKeyWinsOverTheTransportHeader() {
        String key = Api.uniqueKey();
        String email = Api.uniqueEmail();
        String first = given().auth().oauth2(Api.token()).contentType(ContentType.JSON).header("Idempotency-Key", "relay-1-" + key)
                .body(Api.welcome(key, email)).post("/internal/v1/notifications")
                .then().statusCode(202).extract().path("id");
        String second = given().auth().oauth2(Api.token()).contentType(ContentType.JSON).header("Idempotency-Key", "relay-2-" + key)
                .body(Api.welcome(key, email)).post("/internal/v1/notifications")
                .then().statusCode(202).extract().path("id");
        assertEquals(first, second, "two outbox rows carrying one business key are one notification");
        assertEquals(1, storedWithKey(key));
        assertEquals(0, storedWithKey("relay-1-" + key));
    }

    @Test
    void missingIdempotencyKeyIs400() {
        Api.send(Api.welcome(null, Api.uniqueEmail())).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("idempotencyKey"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown template|template|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"no-such\",\"params\":{}",
        "missing template|template|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"params\":{}",
        "unknown language|language|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"deleted-inactive\",\"language\":\"se\"",
        "upper-case language|language|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"deleted-inactive\",\"language\":\"NB\"",
        "missing channel|channel|\"recipient\":{\"email\":\"a@example.test\"},\"template\":\"deleted-inactive\"",
        "unknown channel|channel|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"FAX\",\"template\":\"deleted-inactive\"",
        "no recipient|recipient|\"channel\":\"EMAIL\",\"template\":\"welcome\",\"params\":{\"cardNumber\":\"N000106188\",\"homeLibrary\":\"X\"}",
        "invalid e-mail|recipient.email|\"recipient\":{\"email\":\"not-an-address\"},\"channel\":\"EMAIL\",\"template\":\"deleted-inactive\"",
        "phone not E.164|recipient.phone|\"recipient\":{\"phone\":\"41234567\"},\"channel\":\"SMS\",\"template\":\"deleted-inactive\"",
        "invalid phone|recipient.phone|\"recipient\":{\"phone\":\"+47123\"},\"channel\":\"SMS\",\"template\":\"deleted-inactive\"",
        "SMS without phone|recipient.phone|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"SMS\",\"template\":\"deleted-inactive\"",
        "bad patron id|recipient.patronId|\"recipient\":{\"patronId\":\"a b\"},\"channel\":\"EMAIL\",\"template\":\"welcome\",\"params\":{\"cardNumber\":\"N000106188\",\"homeLibrary\":\"X\"}",
        "deletion notice by patron id only|recipient|\"recipient\":{\"patronId\":\"p-1\"},\"channel\":\"EMAIL\",\"template\":\"deleted-inactive\"",
        "missing parameter|params.homeLibrary|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"welcome\",\"params\":{\"cardNumber\":\"N000106188\"}",
        "unknown parameter|params.address|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"welcome\",\"params\":{\"cardNumber\":\"N000106188\",\"homeLibrary\":\"X\",\"address\":\"Storgata 1\"}",
        "identity number in a parameter|params.childName|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"child-registered\",\"params\":{\"childName\":\"15038512010\",\"cardNumber\":\"N000106188\"}",
        "spaced identity number|params.childName|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"child-registered\",\"params\":{\"childName\":\"Kari 150385 12010\",\"cardNumber\":\"N000106188\"}",
        "dotted identity number|params.childName|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"child-registered\",\"params\":{\"childName\":\"15.03.85-120.10\",\"cardNumber\":\"N000106188\"}",
        "full-width identity number|params.childName|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"child-registered\",\"params\":{\"childName\":\"\uFF11\uFF15\uFF10\uFF13\uFF18\uFF15\uFF11\uFF12\uFF10\uFF11\uFF10\",\"cardNumber\":\"N000106188\"}",
        "DUF number|params.childName|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"child-registered\",\"params\":{\"childName\":\"DUF 2014 1234 5678\",\"cardNumber\":\"N000106188\"}",
        "wrong parameter type|params.minutesValid|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"one-time-code\",\"params\":{\"code\":\"123456\",\"purpose\":\"login\",\"minutesValid\":\"ten\"}",
        "unknown purpose|params.purpose|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"one-time-code\",\"params\":{\"code\":\"123456\",\"purpose\":\"shopping\",\"minutesValid\":10}",
        "bad date|params.deletionDate|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"inactivity-warning\",\"params\":{\"deletionDate\":\"01.03.2027\"}",
        "empty library list|params.libraries|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"unregistered\",\"params\":{\"libraries\":[]}",
        "unknown field|surprise|\"recipient\":{\"email\":\"a@example.test\"},\"channel\":\"EMAIL\",\"template\":\"deleted-inactive\",\"surprise\":1",
        "e-mail of wrong type|email|\"recipient\":{\"email\":42},\"channel\":\"EMAIL\",\"template\":\"deleted-inactive\""
    })
    void badInputIs400NamingTheFieldAndStoresNothing(String name, String field, String json) {
        String key = Api.uniqueKey();
        Api.send("{\"idempotencyKey\":\"" + key + "\"," + json + "}").then().statusCode(400)
                .contentType("application/problem+json").body("field", containsString(field));
        assertEquals(0, storedWithKey(key), name + ": nothing stored");
    }

    @Test
    void noBodyIs400() {
        given().auth().oauth2(Api.token()).contentType(ContentType.JSON).post("/internal/v1/notifications")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void metricsCountSentPerChannelAndTemplate() {
        java.util.function.DoubleSupplier sent = () -> registry.get("notifications.sent").tag("channel", "EMAIL")
                .tag("template", "welcome").counter().count();
        double before = sent.getAsDouble();
        String id = Api.send(Api.welcome(Api.uniqueKey(), Api.uniqueEmail())).then().statusCode(202).extract().path("id");
        Api.awaitStatus(id, "sent");
        Api.await("sent counter", Duration.ofSeconds(30), () -> sent.getAsDouble() >= before + 1);
        String metrics = given().get("/q/metrics").asString();
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("notifications_queue_depth{channel=\"PREFERRED\"}"), metrics);
    }
}
