package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;

import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 end to end through the gateway (R8, R12, R19): staff at 2030000 register a patron with a printed card
 * from 2030000's own series; Bergen's library system (2120100) gets the limited view, 2030000 the full view.
 * Needs numberseries and membership ({@code POST /internal/v1/memberships}) running; the suite runs with the dev
 * profile, which allows Tenor synthetic identity numbers.
 */
@RunningSuite
class PatronRegistrationSliceTest {

    @Test
    void registerWithAPrintedCardThenLimitedAndFullViews() {
        String series = maskinporten("library-system-2030000", "series");
        String first = gateway(series).header("Library-Number", "2030000").body("{\"count\": 10}")
                .post("/api/v1/number-series").then().statusCode(201).extract().path("first");

        String identityNumber = SyntheticIdentityNumbers.next();
        String body = """
                {"identityNumber": "%s", "givenNames": "Máret", "surname": "Čáhppes",
                 "permanentAddress": {"streetLines": ["Storgata 1"], "postcode": "0150", "place": "Oslo"},
                 "phones": {"mobile": "41234567"}, "email": "maret@example.no", "language": "nb",
                 "cardNumber": "%s"}""".formatted(identityNumber, first);
        gateway(maskinporten("library-system-2030000", "patrons.write")).header("Library-Number", "2030000")
                .body(body).post("/api/v1/patrons").then().statusCode(201)
                .body("cards[0].cardNumber", equalTo(first)).body("homeLibrary", equalTo("2030000"));

        gateway(maskinporten("library-system-2120100", "patrons.read")).header("Library-Number", "2120100")
                .get("/api/v1/patrons/" + first).then().statusCode(200)
                .body("member", equalTo(false)).body("$", aMapWithSize(5));
        gateway(maskinporten("library-system-2030000", "patrons.read")).header("Library-Number", "2030000")
                .get("/api/v1/patrons/" + first).then().statusCode(200)
                .body("member", equalTo(true)).body("phones.mobile", equalTo("+4741234567"));
    }

}
