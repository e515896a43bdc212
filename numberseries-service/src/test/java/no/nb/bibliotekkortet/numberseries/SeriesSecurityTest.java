package no.nb.bibliotekkortet.numberseries;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import no.nb.bibliotekkortet.numberseries.support.Api;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The foundation's security cases on a protected endpoint (ordering a series), with real tokens from
 * the mock OAuth2 server process: every way a token can be wrong gives 401, a wrong scope or library
 * 403, the right token 201.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "numberseries_test"))
class SeriesSecurityTest {

    private static final String OSLO = "2030000";
    private static final String OSLO_CLIENT = "library-system-2030000";

    private static void order(String token, int expectedStatus) {
        var request = given().contentType(ContentType.JSON).header("Library-Number", OSLO).body("{\"count\": 10}");
        if (token != null) {
            request.auth().oauth2(token);
        }
        request.post("/api/v1/number-series").then().statusCode(expectedStatus);
    }

    @Test
    void noTokenIs401() {
        order(null, 401);
    }

    @Test
    void expiredTokenIs401() {
        order(Tokens.expired(OSLO_CLIENT, "series"), 401);
    }

    @Test
    void unknownIssuerIs401() {
        order(Tokens.unknownIssuer(OSLO_CLIENT, "series"), 401);
    }

    @Test
    void wrongAudienceIs401() {
        order(Tokens.wrongAudience(OSLO_CLIENT, "series"), 401);
    }

    @Test
    void internalAudienceOnPublicApiIs401() {
        order(Tokens.internal("patron-service"), 401);
    }

    @Test
    void tamperedSignatureIs401() {
        String token = Tokens.maskinporten("library-system-2120100", "series");
        order(Tokens.tampered(token, "client_id", OSLO_CLIENT), 401);
    }

    @Test
    void algNoneIs401() {
        order(Tokens.algNone(Tokens.maskinporten(OSLO_CLIENT, "series")), 401);
    }

    @Test
    void wrongScopeIs403() {
        order(Tokens.maskinporten(OSLO_CLIENT, "patrons.read"), 403);
    }

    @Test
    void citizenTokenIs403() {
        order(Tokens.idporten("15038512010", "idporten-loa-high"), 403);
    }

    @Test
    void libraryTheClientMayNotActForIs403() {
        given().auth().oauth2(Tokens.maskinporten("library-system-2120100", "series"))
                .contentType(ContentType.JSON).header("Library-Number", OSLO).body("{\"count\": 10}")
                .post("/api/v1/number-series")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bibliotekkortet.no/problems/library-not-allowed"))
                .body("field", equalTo("Library-Number"));
    }

    @Test
    void unregisteredClientIs403() {
        order(Tokens.maskinporten("unregistered-system", "series"), 403);
    }

    @Test
    void rightTokenOrdersAndLists() {
        String token = Tokens.maskinporten(OSLO_CLIENT, "series");
        var created = given().auth().oauth2(token).contentType(ContentType.JSON).header("Library-Number", OSLO)
                .body("{\"count\": 10}")
                .post("/api/v1/number-series")
                .then().statusCode(201)
                .body("libraryNumber", equalTo(OSLO), "count", equalTo(10), "first", notNullValue()).extract();
        // The Location is the path of the new series, which answers it (relative: the client's own address).
        String location = created.header("Location");
        assertEquals("/api/v1/number-series/" + created.path("id"), location);
        given().auth().oauth2(token).header("Library-Number", OSLO).get(location).then().statusCode(200)
                .body("id", equalTo(created.path("id"))).body("first", equalTo(created.path("first")))
                .body("count", equalTo(10));
        given().get(location).then().statusCode(401);
        given().auth().oauth2(Tokens.maskinporten(OSLO_CLIENT, "patrons.read")).header("Library-Number", OSLO).get(location)
                .then().statusCode(403);
        given().auth().oauth2(Tokens.maskinporten("library-system-2120100", "series")).header("Library-Number", "2120100")
                .get(location).then().statusCode(404).body("type", containsString("series-not-found"));
        given().auth().oauth2(token).header("Library-Number", "2120100").get(location).then().statusCode(403);
        given().auth().oauth2(token).header("Library-Number", OSLO).get("/api/v1/number-series/999999999").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).header("Library-Number", OSLO).get("/api/v1/number-series/abc").then()
                .statusCode(404).body("type", containsString("series-not-found"));
        Api.admin().get(location).then().statusCode(200).body("libraryNumber", equalTo(OSLO));
        given().auth().oauth2(token).header("Library-Number", OSLO)
                .get("/api/v1/number-series")
                .then().statusCode(200)
                .body("libraryNumber", everyItem(equalTo(OSLO)));
    }

    @Test
    void aWrongMediaTypeIsAProblemSayingWhatIsAccepted() {
        String token = Tokens.maskinporten(OSLO_CLIENT, "series");
        given().auth().oauth2(token).header("Library-Number", OSLO).contentType("text/plain").body("count=10")
                .post("/api/v1/number-series").then().statusCode(415).contentType("application/problem+json")
                .body("field", equalTo("Content-Type")).body("rule", equalTo("application/json"));
        given().auth().oauth2(token).header("Library-Number", OSLO).accept("text/html").get("/api/v1/number-series").then()
                .statusCode(406).contentType("application/problem+json").body("field", equalTo("Accept"));
    }

    @Test
    void twoLibraryHeadersAre400NotTheFirstSilently() {
        String token = Tokens.maskinporten(OSLO_CLIENT, "series");
        given().auth().oauth2(token).header("Library-Number", OSLO).header("Library-Number", "2120100")
                .get("/api/v1/number-series").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("Library-Number")).body("rule", equalTo("exactly one library number"));
        given().auth().oauth2(token).header("Library-Number", OSLO + ",2120100")
                .get("/api/v1/number-series").then().statusCode(400).body("field", equalTo("Library-Number"));
    }

    @Test
    void missingLibraryHeaderIs400NamingIt() {
        given().auth().oauth2(Tokens.maskinporten(OSLO_CLIENT, "series"))
                .contentType(ContentType.JSON).body("{\"count\": 10}")
                .post("/api/v1/number-series")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("Library-Number"));
    }

    @Test
    void unreadableBodiesAre400ProblemsNamingWhatTheyCan() {
        String token = Tokens.maskinporten(OSLO_CLIENT, "series");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Library-Number", OSLO).body("not json")
                .post("/api/v1/number-series").then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("malformed-json")).body("rule", equalTo("valid JSON"));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Library-Number", OSLO)
                .body("{\"count\": 10")
                .post("/api/v1/number-series").then().statusCode(400).contentType("application/problem+json")
                .body("rule", equalTo("valid JSON"));
    }
}
