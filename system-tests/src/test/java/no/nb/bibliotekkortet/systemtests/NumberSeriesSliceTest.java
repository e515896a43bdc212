package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import org.junit.jupiter.api.Test;

/**
 * The first slice end to end, through the gateway with real tokens from the running mock server (R12):
 * Deichman's library system orders a card-number series for 2030000 and lists it; Bergen's library system
 * may not order for 2030000.
 */
@RunningSuite
class NumberSeriesSliceTest {

    @Test
    void libraryOrdersASeriesAndListsIt() {
        String token = maskinporten("library-system-2030000", "series");

        var created = gateway(token).header("Library-Number", "2030000")
                .body("{\"count\": 1000}")
                .post("/api/v1/number-series")
                .then().statusCode(201)
                .header("Location", startsWith("/api/v1/number-series/"))
                .body("libraryNumber", equalTo("2030000"))
                .body("count", equalTo(1000))
                .extract();
        int id = created.path("id");

        // The Location, as sent, is the client's way to the new series through the gateway.
        gateway(token).header("Library-Number", "2030000").get(created.header("Location"))
                .then().statusCode(200).body("id", equalTo(id)).body("count", equalTo(1000));

        gateway(token).header("Library-Number", "2030000")
                .get("/api/v1/number-series")
                .then().statusCode(200)
                .body("id", hasItem(id));
    }

    @Test
    void anotherLibrarysSystemMayNotOrderFor2030000() {
        gateway(maskinporten("library-system-2120100", "series")).header("Library-Number", "2030000")
                .body("{\"count\": 1000}")
                .post("/api/v1/number-series")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void noTokenIsUnauthorized() {
        gateway().header("Library-Number", "2030000")
                .get("/api/v1/number-series")
                .then().statusCode(401);
    }

    /** Issue 3's scenario: two libraries' series never overlap, each sees only its own, a lookup names the owner. */
    @Test
    void twoLibrariesSeriesDoNotOverlapAndEachSeesItsOwn() {
        String oslo = maskinporten("library-system-2030000", "series");
        String bergen = maskinporten("library-system-2120100", "series");
        var osloSeries = gateway(oslo).header("Library-Number", "2030000").body("{\"count\": 1000}")
                .post("/api/v1/number-series").then().statusCode(201).extract().jsonPath();
        var bergenSeries = gateway(bergen).header("Library-Number", "2120100").body("{\"count\": 500}")
                .post("/api/v1/number-series").then().statusCode(201).extract().jsonPath();
        long osloFirst = Long.parseLong(osloSeries.getString("first").substring(1));
        long osloLast = Long.parseLong(osloSeries.getString("last").substring(1));
        long bergenFirst = Long.parseLong(bergenSeries.getString("first").substring(1));
        long bergenLast = Long.parseLong(bergenSeries.getString("last").substring(1));
        org.junit.jupiter.api.Assertions.assertEquals(999, osloLast - osloFirst);
        org.junit.jupiter.api.Assertions.assertEquals(499, bergenLast - bergenFirst);
        org.junit.jupiter.api.Assertions.assertTrue(osloLast < bergenFirst || bergenLast < osloFirst, "ranges overlap");

        gateway(oslo).header("Library-Number", "2030000").get("/api/v1/number-series").then().statusCode(200)
                .body("libraryNumber", everyItem(equalTo("2030000")));
        gateway(bergen).header("Library-Number", "2120100").get("/api/v1/number-series").then().statusCode(200)
                .body("libraryNumber", everyItem(equalTo("2120100")));
        gateway(bergen).get("/api/v1/card-numbers/" + osloSeries.getString("first")).then().statusCode(200)
                .body("libraryNumber", equalTo("2030000")).body("state", equalTo("FREE"));
    }
}
