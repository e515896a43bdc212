package no.nb.bibliotekkortet.notification;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import no.nb.bibliotekkortet.testsupport.TestApi;

/** notification-service's helpers beside test-support's {@link TestApi}: sending, reading status, waiting. */
final class Api extends TestApi {

    private Api() {
    }

    /** A valid service token of patron-service (scope internal, internal audience), cached. */
    static String token() {
        return internalToken("patron-service");
    }

    /** POSTs {@code json} to the send endpoint with the internal token. */
    static Response send(String json) {
        return given().auth().oauth2(token()).contentType(ContentType.JSON).body(json)
                .post("/internal/v1/notifications");
    }

    /** A unique recipient address at a test domain. */
    static String uniqueEmail() {
        return "p" + UUID.randomUUID().toString().substring(0, 12) + "@example.test";
    }

    /** A unique idempotency key. */
    static String uniqueKey() {
        return "test-" + UUID.randomUUID();
    }

    /** A welcome e-mail request to {@code email} with key {@code key} (null: none in the body). */
    static String welcome(String key, String email) {
        return "{" + (key == null ? "" : "\"idempotencyKey\":\"" + key + "\",")
                + "\"recipient\":{\"email\":\"" + email + "\"},\"channel\":\"EMAIL\",\"template\":\"welcome\","
                + "\"params\":{\"cardNumber\":\"N000106188\",\"homeLibrary\":\"Deichman Bjørvika\"}}";
    }

    /** The status document's field {@code path} of notification {@code id}. */
    static <T> T status(String id, String path) {
        return given().auth().oauth2(token()).get("/internal/v1/notifications/" + id)
                .then().statusCode(200).extract().path(path);
    }

    /** Waits up to {@code timeout} for {@code condition}; fails the test when it stays false. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Timed out waiting for: " + what);
    }

    /**
     * Waits until notification {@code id} has status {@code status}. The bound is generous (a cold app on a busy
     * machine can take seconds for its first send); a failure names the state the notification was left in.
     */
    static void awaitStatus(String id, String status) {
        try {
            await(id + " to be " + status, Duration.ofSeconds(60), () -> status.equals(status(id, "status")));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it is " + status(id, "status") + " after "
                    + status(id, "attempts") + " attempt(s), last error: " + status(id, "lastError"), e);
        }
    }
}
