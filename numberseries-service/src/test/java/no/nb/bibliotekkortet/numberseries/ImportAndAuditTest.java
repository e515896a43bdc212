package no.nb.bibliotekkortet.numberseries;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.numberseries.support.Api.BERGEN;
import static no.nb.bibliotekkortet.numberseries.support.Api.OSLO;
import static no.nb.bibliotekkortet.numberseries.support.Api.admin;
import static no.nb.bibliotekkortet.numberseries.support.Api.internal;
import static no.nb.bibliotekkortet.numberseries.support.Api.issue;
import static no.nb.bibliotekkortet.numberseries.support.Api.library;
import static no.nb.bibliotekkortet.numberseries.support.Api.n;
import static no.nb.bibliotekkortet.numberseries.support.Api.order;
import static no.nb.bibliotekkortet.numberseries.support.Api.requestId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import no.nb.bibliotekkortet.numberseries.support.TestDb;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Importing the old register's series (admin, idempotent, overlaps refused naming the range, orders start
 * above) and reading a number's audit trail (who and when for order, issue, release, retire, import).
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "numberseries_test"))
class ImportAndAuditTest {

    private static final String TWO_SERIES = "{\"series\": ["
            + "{\"libraryNumber\": \"2030000\", \"first\": \"N000100000\", \"last\": \"N000199999\", \"reservedAt\": \"2015-03-01T09:00:00Z\"},"
            + "{\"libraryNumber\": \"2120100\", \"first\": \"N000200000\", \"last\": \"N000200999\", \"reservedAt\": \"2016-04-01T09:00:00Z\"}]}";

    @Inject
    TestDb db;

    @BeforeEach
    void emptyRegister() {
        db.reset();
    }

    private static io.restassured.response.ValidatableResponse importSeries(String body) {
        return admin().body(body).post("/api/v1/number-series/imports").then();
    }

    private static String one(String library, String first, String last) {
        return "{\"series\": [{\"libraryNumber\": \"" + library + "\", \"first\": \"" + first + "\", \"last\": \"" + last
                + "\", \"reservedAt\": \"2015-03-01T09:00:00Z\"}]}";
    }

    @Test
    void importCreatesSeriesWithOwnerAndDateAndIsIdempotent() {
        importSeries(TWO_SERIES).statusCode(200).body("created", equalTo(2), "alreadyPresent", equalTo(0),
                "series[0].series.origin", equalTo("IMPORT"), "series[0].series.reservedAt", equalTo("2015-03-01T09:00:00Z"));
        importSeries(TWO_SERIES).statusCode(200).body("created", equalTo(0), "alreadyPresent", equalTo(2));
        assertEquals(2, db.count("select count(*) from series"));
        library(OSLO).get("/api/v1/card-numbers/N000150000").then().statusCode(200).body("libraryNumber", equalTo(OSLO));
        library(BERGEN).get("/api/v1/number-series").then().body("$", hasSize(1), "[0].first", equalTo("N000200000"));
    }

    @Test
    void newOrdersStartAboveTheHighestImportedNumber() {
        importSeries(TWO_SERIES).statusCode(200);
        assertEquals(201_000, order(OSLO, 10));
    }

    @Test
    void anOverlapIsRefusedNamingTheRangeAndNothingIsWritten() {
        importSeries(TWO_SERIES).statusCode(200);
        String body = "{\"series\": ["
                + "{\"libraryNumber\": \"2120100\", \"first\": \"N000300000\", \"last\": \"N000300099\", \"reservedAt\": \"2017-01-01T00:00:00Z\"},"
                + "{\"libraryNumber\": \"2120100\", \"first\": \"N000199990\", \"last\": \"N000199999\", \"reservedAt\": \"2017-01-01T00:00:00Z\"}]}";
        importSeries(body).statusCode(409).contentType("application/problem+json")
                .body("type", containsString("series-overlap"), "field", equalTo("series[1]"),
                        "detail", containsString("N000100000..N000199999 of library 2030000"));
        assertEquals(2, db.count("select count(*) from series"));
        // the same range for another owner is an overlap too
        importSeries(one(BERGEN, "N000100000", "N000199999")).statusCode(409);
        // overlaps inside one import
        importSeries("{\"series\": ["
                + "{\"libraryNumber\": \"2120100\", \"first\": \"N000400000\", \"last\": \"N000400099\", \"reservedAt\": \"2017-01-01T00:00:00Z\"},"
                + "{\"libraryNumber\": \"2030000\", \"first\": \"N000400050\", \"last\": \"N000400060\", \"reservedAt\": \"2017-01-01T00:00:00Z\"}]}")
                .statusCode(409).body("detail", containsString("N000400000..N000400099 of library 2120100"));
        assertEquals(2, db.count("select count(*) from series"));
    }

    @Test
    void malformedImportsAre400Or422() {
        importSeries(one("203000", "N000000001", "N000000002")).statusCode(400).body("field", equalTo("series[0].libraryNumber"));
        importSeries(one(OSLO, "n000000001", "N000000002")).statusCode(400).body("field", equalTo("series[0].first"));
        importSeries(one(OSLO, "N000000001", "N00000002")).statusCode(400).body("field", equalTo("series[0].last"));
        importSeries(one(OSLO, "N000000009", "N000000002")).statusCode(422).body("field", equalTo("series[0].last"));
        importSeries(one(OSLO, "N000000000", "N000000002")).statusCode(422).body("field", equalTo("series[0].first"));
        importSeries("{\"series\": [{\"libraryNumber\": \"2030000\", \"first\": \"N000000001\", \"last\": \"N000000002\"}]}")
                .statusCode(400).body("field", equalTo("series[0].reservedAt"));
        importSeries("{\"series\": [{\"libraryNumber\": \"2030000\", \"first\": \"N000000001\", \"last\": \"N000000002\", "
                + "\"reservedAt\": \"yesterday\"}]}").statusCode(400).body("field", equalTo("series[0].reservedAt"));
        importSeries("{\"series\": []}").statusCode(422).body("field", equalTo("series"));
        importSeries("{}").statusCode(400).body("field", equalTo("series"));
        importSeries("{\"series\": [], \"owner\": 1}").statusCode(400).body("field", equalTo("owner"));
        assertEquals(0, db.count("select count(*) from series"));
    }

    @Test
    void onlyTheBackOfficeImports() {
        given().contentType(ContentType.JSON).body(TWO_SERIES).post("/api/v1/number-series/imports").then().statusCode(401);
        given().auth().oauth2(Tokens.maskinporten("library-system-2030000", "series")).contentType(ContentType.JSON)
                .body(TWO_SERIES).post("/api/v1/number-series/imports").then().statusCode(403);
        // the admin scope alone is not enough: the client must be NB's back office
        given().auth().oauth2(Tokens.maskinporten("library-system-2030000", "admin")).contentType(ContentType.JSON)
                .body(TWO_SERIES).post("/api/v1/number-series/imports").then().statusCode(403)
                .body("type", containsString("operation-not-allowed"));
        assertEquals(0, db.count("select count(*) from series"));
    }

    @Test
    void theAuditOfANumberSaysWhoDidWhatAndWhen() {
        long first = order(OSLO, 10);
        String id = requestId();
        issue(n(first), OSLO, id).statusCode(200);
        internal().body("{\"requestId\": \"" + id + "\"}").post("/internal/v1/card-numbers/" + n(first) + "/release")
                .then().statusCode(200);
        internal().body("[\"" + n(first) + "\"]").post("/internal/v1/card-numbers/retirements").then().statusCode(200);
        admin().get("/api/v1/card-numbers/" + n(first) + "/audit").then().statusCode(200)
                .body("action", contains("ORDER", "ISSUE", "RELEASE", "RETIRE"),
                        "actor", contains("client:library-system-2030000", "client:patron-service", "client:patron-service",
                                "client:patron-service"),
                        "actorKind", contains("LIBRARY_SYSTEM", "SERVICE", "SERVICE", "SERVICE"),
                        "[0].first", equalTo(n(first)), "[0].last", equalTo(n(first + 9)),
                        "[1].requestId", equalTo(id), "[1].libraryNumber", equalTo(OSLO), "[3].at", org.hamcrest.Matchers.notNullValue());
        admin().get("/api/v1/card-numbers/" + n(first + 1) + "/audit").then().statusCode(200).body("action", contains("ORDER"));
    }

    @Test
    void theAuditOfAnImportedNumberNamesTheAdmin() {
        importSeries(TWO_SERIES).statusCode(200);
        admin().get("/api/v1/card-numbers/N000100005/audit").then().statusCode(200)
                .body("action", contains("IMPORT"), "actor", contains("client:nb-backoffice"), "actorKind", contains("ADMIN"));
    }

    @Test
    void auditErrorsAndSecurity() {
        admin().get("/api/v1/card-numbers/N999999999/audit").then().statusCode(404);
        admin().get("/api/v1/card-numbers/N99999999/audit").then().statusCode(400).body("field", equalTo("cardNumber"));
        long first = order(OSLO, 1);
        given().get("/api/v1/card-numbers/" + n(first) + "/audit").then().statusCode(401);
        library(OSLO).get("/api/v1/card-numbers/" + n(first) + "/audit").then().statusCode(403);
        given().auth().oauth2(Tokens.maskinporten("library-system-2030000", "admin"))
                .get("/api/v1/card-numbers/" + n(first) + "/audit").then().statusCode(403);
    }
}
