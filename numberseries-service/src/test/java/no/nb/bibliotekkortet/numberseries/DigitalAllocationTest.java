package no.nb.bibliotekkortet.numberseries;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.numberseries.support.Api.OSLO;
import static no.nb.bibliotekkortet.numberseries.support.Api.admin;
import static no.nb.bibliotekkortet.numberseries.support.Api.internal;
import static no.nb.bibliotekkortet.numberseries.support.Api.issue;
import static no.nb.bibliotekkortet.numberseries.support.Api.library;
import static no.nb.bibliotekkortet.numberseries.support.Api.order;
import static no.nb.bibliotekkortet.numberseries.support.Api.requestId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nb.bibliotekkortet.numberseries.service.Actor;
import no.nb.bibliotekkortet.numberseries.domain.CardNumbers;
import no.nb.bibliotekkortet.numberseries.service.DigitalSeriesService;
import no.nb.bibliotekkortet.numberseries.support.TestDb;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The national digital series through HTTP (R9, R14): allocation (201, repeat 200 with the same number),
 * growth by reserving a new range when the current one is used up (test range size 50), numbers of
 * the digital series cannot be issued to a library, concurrent allocations through HTTP and 10 000
 * concurrent allocations through the service layer (50 threads) never hand out a number twice.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "numberseries_test"))
class DigitalAllocationTest {

    private static final Pattern CARD_NUMBER = Pattern.compile("\"cardNumber\":\"(N[0-9]{9})\"");

    @Inject
    TestDb db;

    @Inject
    DigitalSeriesService digital;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeEach
    void emptyRegister() {
        db.reset();
    }

    private static io.restassured.response.ValidatableResponse allocate(String requestId) {
        return internal().body("{\"requestId\": \"" + requestId + "\"}").post("/internal/v1/digital-card-numbers").then();
    }

    @Test
    void allocationReturnsTheNextNumberOfTheDigitalSeries() {
        order(OSLO, 100);
        allocate(requestId()).statusCode(201)
                .header("Location", equalTo("/api/v1/card-numbers/N000000101"))
                .body("cardNumber", equalTo("N000000101"), "state", equalTo("ISSUED"), "seriesKind", equalTo("DIGITAL"),
                        "libraryNumber", nullValue(), "series.origin", equalTo("GROWTH"), "series.count", equalTo(50));
        allocate(requestId()).statusCode(201).body("cardNumber", equalTo("N000000102"));
        library(OSLO).get("/api/v1/card-numbers/N000000101").then().statusCode(200)
                .body("state", equalTo("ISSUED"), "seriesKind", equalTo("DIGITAL"));
        admin().get("/api/v1/number-series").then().statusCode(200).body("kind", hasItem("DIGITAL"));
        library(OSLO).get("/api/v1/number-series").then().body("kind", org.hamcrest.Matchers.everyItem(equalTo("LIBRARY")));
    }

    @Test
    void repeatingARequestIdReturnsTheSameNumber() {
        String id = requestId();
        String number = allocate(id).statusCode(201).extract().path("cardNumber");
        allocate(id).statusCode(200).body("cardNumber", equalTo(number));
        assertEquals(1, db.count("select count(*) from card_number"));
    }

    @Test
    void theSeriesGrowsWhenUsedUpAndOrdersGoAboveIt() {
        for (int i = 0; i < 50; i++) {
            allocate(requestId()).statusCode(201);
        }
        long libraryFirst = order(OSLO, 10);
        assertEquals(51, libraryFirst);
        allocate(requestId()).statusCode(201).body("cardNumber", equalTo("N000000061"));
        assertEquals(2, db.count("select count(*) from series where kind = 'DIGITAL'"));
    }

    @Test
    void retiredFreeDigitalNumbersAreSkipped() {
        allocate(requestId()).statusCode(201).body("cardNumber", equalTo("N000000001"));
        internal().body("[\"N000000002\", \"N000000003\"]").post("/internal/v1/card-numbers/retirements").then().statusCode(200);
        allocate(requestId()).statusCode(201).body("cardNumber", equalTo("N000000004"));
    }

    @Test
    void digitalNumbersAreNotIssuedToALibraryAndCanBeReleased() {
        String id = requestId();
        allocate(id).statusCode(201);
        issue("N000000002", OSLO, requestId()).statusCode(422);
        internal().body("{\"requestId\": \"" + id + "\"}").post("/internal/v1/card-numbers/N000000001/release")
                .then().statusCode(200).body("state", equalTo("FREE"));
        allocate(id).statusCode(409).body("type", containsString("card-number-released"));
    }

    @Test
    void aRequestIdOfAnIssueCannotAllocate() {
        long first = order(OSLO, 1);
        String id = requestId();
        issue(no.nb.bibliotekkortet.numberseries.support.Api.n(first), OSLO, id).statusCode(200);
        allocate(id).statusCode(409).body("type", containsString("request-id-reused"));
    }

    @Test
    void badInputAndSecurity() {
        internal().body("{}").post("/internal/v1/digital-card-numbers").then().statusCode(400).body("field", equalTo("requestId"));
        internal().body("{\"requestId\": \"\"}").post("/internal/v1/digital-card-numbers").then().statusCode(400);
        internal().body("{\"requestId\": 12}").post("/internal/v1/digital-card-numbers").then().statusCode(400);
        internal().body("{\"requestId\": \"a\", \"libraryNumber\": \"2030000\"}").post("/internal/v1/digital-card-numbers")
                .then().statusCode(400).body("field", equalTo("libraryNumber"));
        given().contentType(ContentType.JSON).body("{\"requestId\": \"a\"}").post("/internal/v1/digital-card-numbers")
                .then().statusCode(401);
        given().auth().oauth2(Tokens.maskinporten("patron-service", "internal")).contentType(ContentType.JSON)
                .body("{\"requestId\": \"a\"}").post("/internal/v1/digital-card-numbers").then().statusCode(401);
        given().auth().oauth2(no.nb.bibliotekkortet.testsupport.Tokens.internalAudience("patron-service", "series"))
                .contentType(ContentType.JSON).body("{\"requestId\": \"a\"}").post("/internal/v1/digital-card-numbers")
                .then().statusCode(403);
        assertEquals(0, db.count("select count(*) from card_number"));
    }

    @Test
    void concurrentAllocationsThroughHttpNeverDuplicate() throws Exception {
        String token = Tokens.internal("patron-service");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create("http://localhost:" + port + "/internal/v1/digital-card-numbers");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String body = "{\"requestId\": \"" + requestId() + "\"}";
            results.add(pool.submit(() -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new AssertionError("status " + r.statusCode() + ": " + r.body());
                }
                Matcher m = CARD_NUMBER.matcher(r.body());
                assertTrue(m.find());
                return m.group(1);
            }));
        }
        Set<String> numbers = collect(results, pool);
        assertEquals(300, numbers.size(), "no number was handed out twice");
        assertEquals(300, db.count("select count(*) from card_number where state = 'ISSUED'"));
    }

    @Test
    void tenThousandConcurrentAllocationsNeverDuplicate() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        Actor actor = new Actor("client:patron-service", "SERVICE");
        List<Future<String>> results = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            String id = requestId();
            results.add(pool.submit(() -> CardNumbers.format(digital.allocate(id, actor).status().number())));
        }
        Set<String> numbers = collect(results, pool);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertEquals(10_000, numbers.size(), "no number was handed out twice");
        assertEquals(10_000, db.count("select count(*) from card_number where state = 'ISSUED'"));
        assertEquals(10_000, db.count("select count(distinct number) from card_number_request where operation = 'DIGITAL'"));
        assertEquals(0, db.count("select count(*) from (select number from card_number group by number having count(*) > 1) d"));
        // 50 numbers per digital range in tests: growth happened under concurrency, ranges never overlap.
        assertTrue(db.count("select count(*) from series where kind = 'DIGITAL'") >= 200);
        System.out.println("10 000 concurrent digital allocations (service layer, 50 threads): " + seconds + " s");
    }

    private static Set<String> collect(List<Future<String>> results, ExecutorService pool) throws Exception {
        Set<String> numbers = new HashSet<>();
        try {
            for (Future<String> f : results) {
                numbers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        return numbers;
    }
}
