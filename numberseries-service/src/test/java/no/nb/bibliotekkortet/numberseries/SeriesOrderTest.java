package no.nb.bibliotekkortet.numberseries;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.numberseries.support.Api.BERGEN;
import static no.nb.bibliotekkortet.numberseries.support.Api.OSLO;
import static no.nb.bibliotekkortet.numberseries.support.Api.admin;
import static no.nb.bibliotekkortet.numberseries.support.Api.library;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.nb.bibliotekkortet.numberseries.support.TestDb;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ordering and listing series through HTTP (R12): count rules (400 / 422), contiguous non-overlapping
 * ranges also under concurrent orders, each library sees only its own, NB's back office sees all, and
 * exhaustion of the number space says how many remain.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "numberseries_test"))
class SeriesOrderTest {

    @Inject
    TestDb db;

    @BeforeEach
    @AfterEach
    void emptyRegister() {
        db.reset();
    }

    @Test
    void orderReturnsOneContiguousRangeAboveEverythingReserved() {
        library(OSLO).body("{\"count\": 1000}").post("/api/v1/number-series")
                .then().statusCode(201)
                .body("libraryNumber", equalTo(OSLO), "count", equalTo(1000), "kind", equalTo("LIBRARY"),
                        "first", equalTo("N000000001"), "last", equalTo("N000001000"),
                        "reservedBy", equalTo("client:library-system-2030000"));
        library(BERGEN).body("{\"count\": 500}").post("/api/v1/number-series")
                .then().statusCode(201)
                .body("libraryNumber", equalTo(BERGEN), "first", equalTo("N000001001"), "last", equalTo("N000001500"));
    }

    @Test
    void eachLibrarySeesOnlyItsOwnSeries() {
        library(OSLO).body("{\"count\": 10}").post("/api/v1/number-series").then().statusCode(201);
        library(BERGEN).body("{\"count\": 20}").post("/api/v1/number-series").then().statusCode(201);
        library(OSLO).get("/api/v1/number-series").then().statusCode(200)
                .body("$", hasSize(1), "libraryNumber", everyItem(equalTo(OSLO)), "[0].count", equalTo(10));
        library(BERGEN).get("/api/v1/number-series").then().statusCode(200)
                .body("$", hasSize(1), "libraryNumber", everyItem(equalTo(BERGEN)));
    }

    @Test
    void adminListsAllAndFiltersByLibrary() {
        library(OSLO).body("{\"count\": 10}").post("/api/v1/number-series").then().statusCode(201);
        library(BERGEN).body("{\"count\": 20}").post("/api/v1/number-series").then().statusCode(201);
        admin().get("/api/v1/number-series").then().statusCode(200)
                .body("$", hasSize(2), "libraryNumber", hasItem(OSLO), "libraryNumber", hasItem(BERGEN));
        admin().queryParam("libraryNumber", BERGEN).get("/api/v1/number-series").then().statusCode(200)
                .body("$", hasSize(1), "[0].libraryNumber", equalTo(BERGEN));
        admin().queryParam("libraryNumber", "21201").get("/api/v1/number-series").then().statusCode(400)
                .body("field", equalTo("libraryNumber"));
    }

    @Test
    void aLibrarySystemCannotListAnotherLibrary() {
        given().auth().oauth2(Tokens.maskinporten("library-system-2120100", "series")).header("Library-Number", OSLO)
                .get("/api/v1/number-series").then().statusCode(403);
        given().auth().oauth2(Tokens.maskinporten("library-system-2120100", "series"))
                .get("/api/v1/number-series").then().statusCode(400).body("field", equalTo("Library-Number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"count\": 1.5}", "{\"count\": \"10\"}", "{}", "{\"count\": null}", "{\"count\": true}", "{\"count\": 1e3}"})
    void nonIntegerOrMissingCountIs400NamingCount(String body) {
        library(OSLO).body(body).post("/api/v1/number-series")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("count"));
        assertEquals(0, db.count("select count(*) from series"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "100001", "10000000000", "99999999999999999999999", "-99999999999999999999999"})
    void countOutsideTheLimitIs422(String count) {
        library(OSLO).body("{\"count\": " + count + "}").post("/api/v1/number-series")
                .then().statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("count"), "rule", equalTo("1..100000"));
        assertEquals(0, db.count("select count(*) from series"));
    }

    @Test
    void theLimitItselfIsAccepted() {
        library(OSLO).body("{\"count\": 100000}").post("/api/v1/number-series").then().statusCode(201)
                .body("last", equalTo("N000100000"));
        library(OSLO).body("{\"count\": 1}").post("/api/v1/number-series").then().statusCode(201)
                .body("first", equalTo("N000100001"), "last", equalTo("N000100001"));
    }

    @Test
    void unknownFieldsAndBrokenJsonAre400() {
        library(OSLO).body("{\"count\": 10, \"first\": \"N000000001\"}").post("/api/v1/number-series")
                .then().statusCode(400).body("field", equalTo("first"));
        library(OSLO).body("{\"count\": ").post("/api/v1/number-series").then().statusCode(400);
        library(OSLO).body("").post("/api/v1/number-series").then().statusCode(400);
        assertEquals(0, db.count("select count(*) from series"));
    }

    @Test
    void exhaustionIs409SayingHowManyRemainAndWritesNothing() {
        admin().body("{\"series\": [{\"libraryNumber\": \"2030000\", \"first\": \"N999999000\", \"last\": \"N999999950\", "
                        + "\"reservedAt\": \"2019-05-01T10:00:00Z\"}]}")
                .post("/api/v1/number-series/imports").then().statusCode(200);
        library(BERGEN).body("{\"count\": 100}").post("/api/v1/number-series")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("number-space-exhausted"), "detail", containsString("Only 49 card numbers remain"));
        assertEquals(1, db.count("select count(*) from series"));
        library(BERGEN).body("{\"count\": 49}").post("/api/v1/number-series")
                .then().statusCode(201).body("last", equalTo("N999999999"));
        library(BERGEN).body("{\"count\": 1}").post("/api/v1/number-series")
                .then().statusCode(409).body("detail", containsString("Only 0 card numbers remain"));
    }

    @Test
    void concurrentOrdersGetDisjointContiguousRanges() throws Exception {
        String oslo = Tokens.maskinporten("library-system-2030000", "series");
        String bergen = Tokens.maskinporten("library-system-2120100", "series");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<long[]>> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean even = i % 2 == 0;
            int count = 1 + i * 7;
            results.add(pool.submit(() -> {
                var r = given().auth().oauth2(even ? oslo : bergen).header("Library-Number", even ? OSLO : BERGEN)
                        .contentType(ContentType.JSON).body("{\"count\": " + count + "}")
                        .post("/api/v1/number-series").then().statusCode(201).extract();
                return new long[] {Long.parseLong(r.<String>path("first").substring(1)),
                        Long.parseLong(r.<String>path("last").substring(1))};
            }));
        }
        List<long[]> ranges = new ArrayList<>();
        for (Future<long[]> f : results) {
            ranges.add(f.get());
        }
        pool.shutdown();
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        assertEquals(1, ranges.get(0)[0]);
        for (int i = 1; i < ranges.size(); i++) {
            assertTrue(ranges.get(i)[0] == ranges.get(i - 1)[1] + 1, "ranges are contiguous and disjoint");
        }
        assertEquals(60, db.count("select count(*) from series"));
    }

    @Test
    void concurrentOrdersAtTheEndOfTheSpaceFitUntilItIsFullAndTheRestFailAlone() throws Exception {
        admin().body("{\"series\": [{\"libraryNumber\": \"2030000\", \"first\": \"N999999000\", \"last\": \"N999999899\", "
                        + "\"reservedAt\": \"2019-05-01T10:00:00Z\"}]}")
                .post("/api/v1/number-series/imports").then().statusCode(200);
        String bergen = Tokens.maskinporten("library-system-2120100", "series");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<io.restassured.response.ExtractableResponse<io.restassured.response.Response>>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit(() -> given().auth().oauth2(bergen).header("Library-Number", BERGEN)
                    .contentType(ContentType.JSON).body("{\"count\": 10}").post("/api/v1/number-series").then().extract()));
        }
        List<long[]> ranges = new ArrayList<>();
        int refused = 0;
        for (var f : results) {
            var r = f.get();
            if (r.statusCode() == 201) {
                ranges.add(new long[] {Long.parseLong(r.<String>path("first").substring(1)),
                        Long.parseLong(r.<String>path("last").substring(1))});
            } else {
                assertEquals(409, r.statusCode());
                assertEquals("Only 0 card numbers remain below N999999999; order at most 0", r.path("detail"));
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(10, ranges.size(), "the 100 numbers left hold ten orders of 10");
        assertEquals(10, refused);
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        for (int i = 0; i < ranges.size(); i++) {
            assertEquals(999_999_900L + 10L * i, ranges.get(i)[0]);
        }
        assertEquals(10, db.count("select count(*) from audit_event where action = 'ORDER'"));
        assertEquals(10, db.count("select count(*) from series s join audit_event a on a.series_id = s.id "
                + "and a.first_number = s.first_number and a.last_number = s.last_number and a.library_number = '2120100' "
                + "and a.actor = 'client:library-system-2120100' and a.actor_kind = 'LIBRARY_SYSTEM' and a.at = s.reserved_at"));
    }

    @Test
    void theDatabaseRefusesOverlappingSeriesEvenWithoutJava() {
        library(OSLO).body("{\"count\": 10}").post("/api/v1/number-series").then().statusCode(201);
        try {
            db.count("insert into series (library_number, first_number, last_number, reserved_at, reserved_by) "
                    + "values ('2120100', 5, 15, now(), 'sql') returning id");
            throw new AssertionError("overlap was accepted");
        } catch (IllegalStateException e) {
            assertTrue(e.getCause().getMessage().contains("series_no_overlap"));
        }
    }
}
