package no.nb.bibliotekkortet.numberseries;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.numberseries.support.Api.BERGEN;
import static no.nb.bibliotekkortet.numberseries.support.Api.OSLO;
import static no.nb.bibliotekkortet.numberseries.support.Api.issue;
import static no.nb.bibliotekkortet.numberseries.support.Api.library;
import static no.nb.bibliotekkortet.numberseries.support.Api.n;
import static no.nb.bibliotekkortet.numberseries.support.Api.order;
import static no.nb.bibliotekkortet.numberseries.support.Api.requestId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Looking up a card number through HTTP (R12): owner library and series, FREE / ISSUED / RETIRED and
 * when; 404 outside every series; 400 stating the rule for every malformed form; 401/403.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "numberseries_test"))
class CardNumberLookupTest {

    @Test
    void aFreeNumberNamesItsOwnerAndSeries() {
        long first = order(OSLO, 1000);
        library(BERGEN).get("/api/v1/card-numbers/" + n(first + 10))
                .then().statusCode(200)
                .body("cardNumber", equalTo(n(first + 10)), "state", equalTo("FREE"), "libraryNumber", equalTo(OSLO),
                        "seriesKind", equalTo("LIBRARY"), "series.first", equalTo(n(first)),
                        "series.last", equalTo(n(first + 999)), "since", notNullValue(), "issuedAt", nullValue());
    }

    @Test
    void anIssuedNumberSaysWhenAndForWhom() {
        long first = order(OSLO, 5);
        issue(n(first), OSLO, requestId()).statusCode(200);
        library(OSLO).get("/api/v1/card-numbers/" + n(first))
                .then().statusCode(200)
                .body("state", equalTo("ISSUED"), "issuedFor", equalTo(OSLO), "issuedAt", notNullValue(),
                        "since", notNullValue());
    }

    @Test
    void aRetiredNumberSaysWhen() {
        long first = order(OSLO, 5);
        no.nb.bibliotekkortet.numberseries.support.Api.internal().body("[\"" + n(first + 1) + "\"]")
                .post("/internal/v1/card-numbers/retirements").then().statusCode(200);
        library(OSLO).get("/api/v1/card-numbers/" + n(first + 1))
                .then().statusCode(200).body("state", equalTo("RETIRED"), "retiredAt", notNullValue());
    }

    @Test
    void aNumberInNoSeriesIs404() {
        library(OSLO).get("/api/v1/card-numbers/N999999998")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", containsString("card-number-not-reserved"));
        library(OSLO).get("/api/v1/card-numbers/N000000000").then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"n000106188", "N00010618", "N0001061889", "N00010618O", "%20N000106188", "N000106188%20", "%20"})
    void malformedNumbersAre400StatingTheRule(String number) {
        given().auth().oauth2(Tokens.maskinporten("library-system-2030000", "series")).urlEncodingEnabled(false)
                .get("/api/v1/card-numbers/" + number)
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("cardNumber"), "rule", containsString("N followed by 9 digits"));
    }

    @Test
    void anEmptyNumberIs400() {
        library(OSLO).get("/api/v1/card-numbers/").then().statusCode(400).body("field", equalTo("cardNumber"));
        library(OSLO).get("/api/v1/card-numbers").then().statusCode(400).body("field", equalTo("cardNumber"));
    }

    @Test
    void lowercaseNIsRefusedNotFixed() {
        long first = order(OSLO, 1);
        library(OSLO).get("/api/v1/card-numbers/" + n(first).toLowerCase())
                .then().statusCode(400).body("detail", containsString("upper-case N"));
    }

    @Test
    void securityCases() {
        given().get("/api/v1/card-numbers/N000000001").then().statusCode(401);
        given().auth().oauth2(Tokens.internal("patron-service")).get("/api/v1/card-numbers/N000000001").then().statusCode(401);
        given().auth().oauth2(Tokens.maskinporten("library-system-2030000", "patrons.read"))
                .get("/api/v1/card-numbers/N000000001").then().statusCode(403);
        given().auth().oauth2(Tokens.maskinporten("unregistered-system", "series"))
                .get("/api/v1/card-numbers/N000000001").then().statusCode(403);
    }
}
