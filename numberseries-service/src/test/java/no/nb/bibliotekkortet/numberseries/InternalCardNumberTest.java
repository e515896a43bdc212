package no.nb.bibliotekkortet.numberseries;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.numberseries.support.Api.BERGEN;
import static no.nb.bibliotekkortet.numberseries.support.Api.OSLO;
import static no.nb.bibliotekkortet.numberseries.support.Api.internal;
import static no.nb.bibliotekkortet.numberseries.support.Api.issue;
import static no.nb.bibliotekkortet.numberseries.support.Api.library;
import static no.nb.bibliotekkortet.numberseries.support.Api.n;
import static no.nb.bibliotekkortet.numberseries.support.Api.order;
import static no.nb.bibliotekkortet.numberseries.support.Api.requestId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.nb.bibliotekkortet.numberseries.support.TestClock;
import no.nb.bibliotekkortet.numberseries.support.TestDb;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The internal card-number contract through HTTP (ARCHITECTURE.md): issue (FREE → ISSUED, idempotent per
 * request id, only from the library's own series, exactly one winner under concurrency), release (same
 * request id, within the window) and retirement (batch, idempotent, all or nothing).
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "numberseries_test"))
class InternalCardNumberTest {

    @Inject
    TestClock clock;

    @Inject
    TestDb db;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static io.restassured.response.ValidatableResponse release(String number, String requestId) {
        return internal().body("{\"requestId\": \"" + requestId + "\"}")
                .post("/internal/v1/card-numbers/" + number + "/release").then();
    }

    private static io.restassured.response.ValidatableResponse retire(String json) {
        return internal().body(json).post("/internal/v1/card-numbers/retirements").then();
    }

    // --- issue ---

    @Test
    void issueMakesAFreeNumberIssued() {
        long first = order(OSLO, 10);
        issue(n(first + 3), OSLO, requestId()).statusCode(200)
                .body("cardNumber", equalTo(n(first + 3)), "state", equalTo("ISSUED"), "issuedFor", equalTo(OSLO),
                        "libraryNumber", equalTo(OSLO));
    }

    @Test
    void repeatingTheRequestIdReturnsTheSameResult() {
        long first = order(OSLO, 10);
        String id = requestId();
        String at = issue(n(first), OSLO, id).statusCode(200).extract().path("issuedAt");
        issue(n(first), OSLO, id).statusCode(200).body("state", equalTo("ISSUED"), "issuedAt", equalTo(at));
        assertEquals(1, db.count("select count(*) from audit_event where action = 'ISSUE' and first_number = " + first));
    }

    @Test
    void theSameRequestIdForAnotherNumberIs409() {
        long first = order(OSLO, 10);
        String id = requestId();
        issue(n(first), OSLO, id).statusCode(200);
        issue(n(first + 1), OSLO, id).statusCode(409).body("type", containsString("request-id-reused"));
    }

    @Test
    void aNumberOfAnotherLibrarysSeriesIs422NamingTheRule() {
        long bergen = order(BERGEN, 10);
        issue(n(bergen), OSLO, requestId()).statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("cardNumber"), "rule", containsString("series of the registering library"));
        issue("N999999990", OSLO, requestId()).statusCode(422);
        // Well-formed but outside the number space (1..999 999 999): refused before the request row is written.
        String zeroId = requestId();
        issue("N000000000", OSLO, zeroId).statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("cardNumber"), "rule", containsString("R12"));
        assertEquals(0, db.count("select count(*) from card_number_request where request_id = '" + zeroId + "'"));
        library(BERGEN).get("/api/v1/card-numbers/" + n(bergen)).then().body("state", equalTo("FREE"));
    }

    @Test
    void anIssuedOrRetiredNumberIs409() {
        long first = order(OSLO, 10);
        issue(n(first), OSLO, requestId()).statusCode(200);
        issue(n(first), OSLO, requestId()).statusCode(409).body("type", containsString("card-number-not-free"),
                "detail", containsString("ISSUED"));
        retire("[\"" + n(first + 1) + "\"]").statusCode(200);
        issue(n(first + 1), OSLO, requestId()).statusCode(409).body("detail", containsString("RETIRED"));
    }

    @Test
    void badIssueInputIs400() {
        long first = order(OSLO, 1);
        issue("n000000001", OSLO, requestId()).statusCode(400).body("field", equalTo("cardNumber"));
        issue(n(first), "203000", requestId()).statusCode(400).body("field", equalTo("libraryNumber"));
        internal().body("{\"libraryNumber\": \"2030000\"}").post("/internal/v1/card-numbers/" + n(first) + "/issue")
                .then().statusCode(400).body("field", equalTo("requestId"));
        internal().body("{\"libraryNumber\": \"2030000\", \"requestId\": \"r\", \"patronId\": \"x\"}")
                .post("/internal/v1/card-numbers/" + n(first) + "/issue")
                .then().statusCode(400).body("field", equalTo("patronId"));
        internal().body("{\"libraryNumber\": \"2030000\", \"requestId\": \"" + "x".repeat(101) + "\"}")
                .post("/internal/v1/card-numbers/" + n(first) + "/issue")
                .then().statusCode(400).body("field", equalTo("requestId"));
        assertEquals(0, db.count("select count(*) from card_number where number = " + first));
    }

    @Test
    void issueSecurity() {
        long first = order(OSLO, 1);
        String body = "{\"libraryNumber\": \"2030000\", \"requestId\": \"" + requestId() + "\"}";
        String path = "/internal/v1/card-numbers/" + n(first) + "/issue";
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(401);
        given().auth().oauth2(Tokens.maskinporten("patron-service", "internal")).contentType(ContentType.JSON)
                .body(body).post(path).then().statusCode(401);
        given().auth().oauth2(Tokens.maskinporten("library-system-2030000", "series")).contentType(ContentType.JSON)
                .body(body).post(path).then().statusCode(401);
        given().auth().oauth2(Tokens.expiredInternal("patron-service")).contentType(ContentType.JSON)
                .body(body).post(path).then().statusCode(401);
        given().auth().oauth2(Tokens.wrongAudience("patron-service", "internal")).contentType(ContentType.JSON)
                .body(body).post(path).then().statusCode(401);
        // internal audience but without the internal scope
        given().auth().oauth2(no.nb.bibliotekkortet.testsupport.Tokens.internalAudience("patron-service", "series"))
                .contentType(ContentType.JSON).body(body).post(path).then().statusCode(403);
    }

    @Test
    void concurrentIssuesOfOneNumberHaveExactlyOneWinner() throws Exception {
        long first = order(OSLO, 1);
        String token = Tokens.internal("patron-service");
        int attempts = 24;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            String id = requestId();
            statuses.add(pool.submit(() -> {
                start.await();
                return given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body("{\"libraryNumber\": \"2030000\", \"requestId\": \"" + id + "\"}")
                        .post("/internal/v1/card-numbers/" + n(first) + "/issue").statusCode();
            }));
        }
        start.countDown();
        int ok = 0;
        int conflict = 0;
        for (Future<Integer> f : statuses) {
            int status = f.get();
            if (status == 200) {
                ok++;
            } else if (status == 409) {
                conflict++;
            }
        }
        pool.shutdown();
        assertEquals(1, ok);
        assertEquals(attempts - 1, conflict);
        assertEquals(1, db.count("select count(*) from card_number_request where number = " + first));
    }

    // --- release ---

    @Test
    void releaseWithinTheWindowMakesTheNumberFreeAgain() {
        long first = order(OSLO, 3);
        String id = requestId();
        issue(n(first), OSLO, id).statusCode(200);
        clock.advance(Duration.ofMinutes(14));
        release(n(first), id).statusCode(200).body("state", equalTo("FREE"));
        release(n(first), id).statusCode(200).body("state", equalTo("FREE"));
        library(OSLO).get("/api/v1/card-numbers/" + n(first)).then().body("state", equalTo("FREE"));
        issue(n(first), OSLO, id).statusCode(409).body("type", containsString("card-number-released"));
        issue(n(first), OSLO, requestId()).statusCode(200);
    }

    @Test
    void releaseAfterTheWindowIs409() {
        long first = order(OSLO, 3);
        String id = requestId();
        issue(n(first), OSLO, id).statusCode(200);
        clock.advance(Duration.ofMinutes(16));
        release(n(first), id).statusCode(409).body("type", containsString("release-refused"),
                "detail", containsString("15 minutes"));
        library(OSLO).get("/api/v1/card-numbers/" + n(first)).then().body("state", equalTo("ISSUED"));
    }

    @Test
    void releaseWithAnotherRequestIdOrOfARetiredNumberIs409() {
        long first = order(OSLO, 3);
        String id = requestId();
        issue(n(first), OSLO, id).statusCode(200);
        release(n(first), requestId()).statusCode(409);
        release(n(first + 1), id).statusCode(409);
        retire("[\"" + n(first) + "\"]").statusCode(200);
        release(n(first), id).statusCode(409).body("detail", containsString("no longer ISSUED"));
        release("N00000001", id).statusCode(400).body("field", equalTo("cardNumber"));
        internal().body("{}").post("/internal/v1/card-numbers/" + n(first) + "/release")
                .then().statusCode(400).body("field", equalTo("requestId"));
        given().contentType(ContentType.JSON).body("{\"requestId\": \"" + id + "\"}")
                .post("/internal/v1/card-numbers/" + n(first) + "/release").then().statusCode(401);
        given().auth().oauth2(Tokens.maskinporten("library-system-2030000", "series")).contentType(ContentType.JSON)
                .body("{\"requestId\": \"" + id + "\"}")
                .post("/internal/v1/card-numbers/" + n(first) + "/release").then().statusCode(401);
        given().auth().oauth2(no.nb.bibliotekkortet.testsupport.Tokens.internalAudience("patron-service", "series"))
                .contentType(ContentType.JSON).body("{\"requestId\": \"" + id + "\"}")
                .post("/internal/v1/card-numbers/" + n(first) + "/release").then().statusCode(403);
    }

    // --- retirement ---

    @Test
    void retirementIsABatchAndIdempotent() {
        long first = order(OSLO, 5);
        issue(n(first), OSLO, requestId()).statusCode(200);
        String batch = "[\"" + n(first) + "\", \"" + n(first + 1) + "\", \"" + n(first) + "\"]";
        retire(batch).statusCode(200).body("$", hasSize(2), "state", org.hamcrest.Matchers.everyItem(equalTo("RETIRED")));
        String at = library(OSLO).get("/api/v1/card-numbers/" + n(first)).then().extract().path("retiredAt");
        retire(batch).statusCode(200).body("[0].retiredAt", equalTo(at));
        assertEquals(2, db.count("select count(*) from audit_event where action = 'RETIRE' and first_number between "
                + first + " and " + (first + 4)));
    }

    @Test
    void retirementIsAllOrNothing() {
        long first = order(OSLO, 5);
        retire("[\"" + n(first + 2) + "\", \"N999999997\"]").statusCode(422)
                .body("field", equalTo("[1]"), "type", containsString("card-number-not-reserved"));
        retire("[\"" + n(first + 2) + "\", \"N99999999\"]").statusCode(400).body("field", equalTo("[1]"));
        retire("[\"" + n(first + 2) + "\", null]").statusCode(400).body("field", equalTo("[1]"));
        retire("[\"" + n(first + 2) + "\", 17]").statusCode(400);
        retire("[]").statusCode(422);
        retire("{\"numbers\": []}").statusCode(400);
        library(OSLO).get("/api/v1/card-numbers/" + n(first + 2)).then().body("state", equalTo("FREE"));
    }

    @Test
    void retirementSecurity() {
        given().contentType(ContentType.JSON).body("[\"N000000001\"]").post("/internal/v1/card-numbers/retirements")
                .then().statusCode(401);
        given().auth().oauth2(Tokens.maskinporten("library-system-2030000", "series")).contentType(ContentType.JSON)
                .body("[\"N000000001\"]").post("/internal/v1/card-numbers/retirements").then().statusCode(401);
        given().auth().oauth2(no.nb.bibliotekkortet.testsupport.Tokens.internalAudience("patron-service", "series"))
                .contentType(ContentType.JSON).body("[\"N000000001\"]").post("/internal/v1/card-numbers/retirements")
                .then().statusCode(403);
    }
}
