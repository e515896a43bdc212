package no.nb.bibliotekkortet.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import no.nb.bibliotekkortet.notification.service.ErasureService;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.Test;
import no.nb.bibliotekkortet.testsupport.Tokens;

/**
 * Retention and erasure (R20, R21): the erasure contract removes a patron's personal data from sent and
 * queued notifications but keeps queued deletion notices until they are sent; verify counts what is
 * left; retention erases finished notifications after the configured time; the status record stays.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification_test"))
@QuarkusTestResource(EdgeServers.class)
class ErasureTest {

    @Inject
    ErasureService erasure;

    @Inject
    TestClock clock;

    private static String sendFor(String patronId, String email, String template, String params) {
        return Api.send("{\"idempotencyKey\":\"" + Api.uniqueKey() + "\",\"recipient\":{\"patronId\":\"" + patronId
                        + "\",\"email\":\"" + email + "\"},\"channel\":\"EMAIL\",\"template\":\"" + template
                        + "\",\"params\":" + params + "}")
                .then().statusCode(202).extract().path("id");
    }

    private static long held(String patronId, String email) {
        Integer n = given().auth().oauth2(Api.token()).contentType(ContentType.JSON)
                .body("[{\"patronId\":\"" + patronId + "\",\"identityHash\":\"abc\",\"email\":\"" + email.toUpperCase()
                        + "\",\"phone\":null}]")
                .post("/internal/v1/erasures/verify").then().statusCode(200).extract().path("held");
        return n;
    }

    private static void erase(String patronId, int erased, int kept) {
        given().auth().oauth2(Api.token()).contentType(ContentType.JSON).body("[\"" + patronId + "\"]")
                .post("/internal/v1/erasures").then().statusCode(200)
                .body("erased", equalTo(erased), "keptUntilSent", equalTo(kept));
    }

    @Test
    void erasureRemovesSentAndQueuedButKeepsQueuedDeletionNoticesUntilSent() {
        String patronId = "p-" + UUID.randomUUID();
        String email = Api.uniqueEmail();
        String sent = sendFor(patronId, email, "library-full-access", "{\"library\":\"Tromsø bibliotek\"}");
        Api.awaitStatus(sent, "sent");
        String queued;
        String notice;
        EdgeServers.smtpStop();
        // Time stands still while the SMTP server is down: each notice fails once and its retry is not due until
        // the clock moves, so the deletion notice cannot use up its attempts however slow this machine is.
        clock.set(java.time.Instant.now());
        try {
            queued = sendFor(patronId, email, "card-replaced", "{\"cardNumber\":\"N000106194\",\"library\":\"X\"}");
            notice = sendFor(patronId, email, "unregistered", "{\"libraries\":[\"Tromsø bibliotek\"]}");
            Api.await("both retrying", Duration.ofSeconds(60), () -> "failed-will-retry".equals(Api.status(queued, "status"))
                    && "failed-will-retry".equals(Api.status(notice, "status")));
            assertEquals(3, held(patronId, email));
            erase(patronId, 2, 1);
            assertEquals("cancelled", Api.status(queued, "status"));
            assertEquals(true, Api.status(queued, "personalDataErased"));
            assertEquals(true, Api.status(sent, "personalDataErased"));
            assertEquals("sent", Api.status(sent, "status"));
            assertEquals(1, held(patronId, email));
        } finally {
            EdgeServers.smtpStart();
            clock.reset();
        }
        Api.awaitStatus(notice, "sent");
        assertEquals(true, Api.status(notice, "personalDataErased"));
        assertEquals(0, held(patronId, email));
        assertEquals(1, EdgeServers.mailsTo(email).size(), "only the deletion notice went out after the outage");
        erase(patronId, 0, 0);
    }

    @Test
    void retentionErasesFinishedNotificationsAfterTheConfiguredTime() {
        String patronId = "p-" + UUID.randomUUID();
        String email = Api.uniqueEmail();
        String id = sendFor(patronId, email, "welcome", "{\"cardNumber\":\"N000106195\",\"homeLibrary\":\"X\"}");
        Api.awaitStatus(id, "sent");
        erasure.purgeExpired();
        assertEquals(1, held(patronId, email));
        try {
            clock.advance(Duration.ofDays(29));
            erasure.purgeExpired();
            assertEquals(1, held(patronId, email), "kept within 30 days");
            clock.advance(Duration.ofDays(2));
            erasure.purgeExpired();
            assertEquals(0, held(patronId, email), "erased after 30 days");
        } finally {
            clock.reset();
        }
        assertEquals("sent", Api.status(id, "status"));
        assertEquals(true, Api.status(id, "personalDataErased"));
    }

    @Test
    void deletionNoticesAreErasedAsSoonAsTheyAreSent() {
        String patronId = "p-" + UUID.randomUUID();
        String email = Api.uniqueEmail();
        String id = sendFor(patronId, email, "deleted-inactive", "{}");
        Api.awaitStatus(id, "sent");
        assertEquals(true, Api.status(id, "personalDataErased"));
        assertEquals(0, held(patronId, email));
    }

    @Test
    void erasureApiNeedsTheInternalRoleAndWellFormedIds() {
        given().contentType(ContentType.JSON).body("[\"p-1\"]").post("/internal/v1/erasures").then().statusCode(401);
        given().auth().oauth2(Tokens.internalAudience("patron-service", "patrons.read")).contentType(ContentType.JSON).body("[\"p-1\"]")
                .post("/internal/v1/erasures").then().statusCode(403);
        given().auth().oauth2(Tokens.internalAudience("patron-service", "patrons.read")).contentType(ContentType.JSON).body("[]")
                .post("/internal/v1/erasures/verify").then().statusCode(403);
        given().auth().oauth2(Api.token()).contentType(ContentType.JSON).body("[\"ok\", \"not ok\"]")
                .post("/internal/v1/erasures").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("[1]"));
        given().auth().oauth2(Api.token()).contentType(ContentType.JSON).body("[{\"patronId\":\"p-1\",\"shoeSize\":42}]")
                .post("/internal/v1/erasures/verify").then().statusCode(400).body("field", equalTo("shoeSize"));
    }
}
