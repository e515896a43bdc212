package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
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

        String identityNumber = syntheticIdentityNumber();
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

    /** A fresh Tenor-style synthetic fødselsnummer (month + 80) with valid check digits. */
    private static String syntheticIdentityNumber() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int[] w1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
        int[] w2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
        while (true) {
            LocalDate d = LocalDate.of(1960, 1, 1).plusDays(r.nextInt(15000));
            String nine = String.format("%02d%02d%02d%03d", d.getDayOfMonth(), d.getMonthValue() + 80,
                    d.getYear() % 100, r.nextInt(0, 500));
            int s1 = 0;
            for (int i = 0; i < 9; i++) {
                s1 += w1[i] * (nine.charAt(i) - '0');
            }
            int k1 = (11 - s1 % 11) % 11;
            if (k1 == 10) {
                continue;
            }
            String ten = nine + k1;
            int s2 = 0;
            for (int i = 0; i < 10; i++) {
                s2 += w2[i] * (ten.charAt(i) - '0');
            }
            int k2 = (11 - s2 % 11) % 11;
            if (k2 != 10) {
                return ten + k2;
            }
        }
    }
}
