package no.nb.bibliotekkortet.numberseries.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import no.nb.bibliotekkortet.testsupport.MockOAuth2Server;
import no.nb.bibliotekkortet.testsupport.Tokens;

/** Short-hands for calling numberseries-service through HTTP with real tokens. */
public final class Api {

    public static final String OSLO = "2030000";
    public static final String BERGEN = "2120100";
    public static final String OSLO_CLIENT = "library-system-2030000";
    public static final String BERGEN_CLIENT = "library-system-2120100";
    public static final String ADMIN_CLIENT = "nb-backoffice";

    private Api() {
    }

    /** A request with a library system's token (scope series) acting for its library. */
    public static RequestSpecification library(String libraryNumber) {
        String client = libraryNumber.equals(OSLO) ? OSLO_CLIENT : BERGEN_CLIENT;
        return given().auth().oauth2(Tokens.maskinporten(client, "series")).header("Library-Number", libraryNumber)
                .contentType(ContentType.JSON);
    }

    /** A request with NB's back office token (scopes series and admin). */
    public static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.maskinporten(ADMIN_CLIENT, "series", "admin")).contentType(ContentType.JSON);
    }

    /** A request with patron-service's internal token. */
    public static RequestSpecification internal() {
        return given().auth().oauth2(Tokens.internal("patron-service")).contentType(ContentType.JSON);
    }

    /**
     * A token with the internal audience but other scopes than {@code internal} (for the 403 case of
     * internal endpoints), straight from the mock server's token endpoint.
     */
    public static String internalAudienceToken(String clientId, String scope) {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", "local-only").formParam("resource", Tokens.INTERNAL_AUDIENCE)
                .formParam("scope", "bibliotekkortet:" + scope)
                .post(MockOAuth2Server.get().issuer("maskinporten") + "/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** Orders {@code count} numbers for a library; returns the first number's numeric part. */
    public static long order(String libraryNumber, int count) {
        String first = library(libraryNumber).body("{\"count\": " + count + "}").post("/api/v1/number-series")
                .then().statusCode(201).extract().path("first");
        return Long.parseLong(first.substring(1));
    }

    /** Issues a number for a library through the internal API. */
    public static ValidatableResponse issue(String cardNumber, String libraryNumber, String requestId) {
        return internal().body("{\"libraryNumber\": \"" + libraryNumber + "\", \"requestId\": \"" + requestId + "\"}")
                .post("/internal/v1/card-numbers/" + cardNumber + "/issue").then();
    }

    /** A fresh request id. */
    public static String requestId() {
        return "req-" + UUID.randomUUID();
    }

    /** N + 9 digits. */
    public static String n(long value) {
        return String.format("N%09d", value);
    }
}
