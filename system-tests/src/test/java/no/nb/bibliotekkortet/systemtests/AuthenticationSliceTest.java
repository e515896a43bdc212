package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.ADMIN;
import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 end to end through the gateway (R2, R11, R18): a patron registered with a PIN at 2030000 (which pays
 * for Filmoteket) is verified by Filmoteket, whose age check for 15 (by the pairwise subject) answers true and
 * for the unregistered 14 answers 422; 2030000's door system opens for that member and not for a patron of
 * 2120100 only.
 */
@RunningSuite
class AuthenticationSliceTest {

    private static final String PIN = "4827";

    @Test
    void filmPartnerVerifiesAndChecksAgeAndTheDoorOpensOnlyForMembers() {
        String admin = maskinporten(ADMIN, "admin");
        gateway(admin).body("{\"partnerServices\": [\"filmoteket\"], \"unstaffedMinimumAge\": 15}")
                .patch("/api/v1/libraries/2030000").then().statusCode(200);
        gateway(admin).body("{\"name\": \"Filmoteket\", \"kind\": \"FILM\", \"ageThresholds\": [15, 18], "
                + "\"requiresPayingLibrary\": true}").put("/api/v1/partners/filmoteket").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));

        String member = register("library-system-2030000", "2030000");
        String other = register("library-system-2120100", "2120100");

        String partner = maskinporten("partner-filmoteket", "partner.auth");
        String subject = gateway(partner).body("{\"cardNumber\": \"" + member + "\", \"pin\": \"" + PIN + "\"}")
                .post("/api/v1/authentications/partner").then().statusCode(200)
                .body("valid", equalTo(true)).body("level", equalTo("nlsso-loa-low"))
                .extract().path("subject");
        gateway(partner).body("{\"subject\": \"" + subject + "\", \"age\": 15}").post("/api/v1/age-checks")
                .then().statusCode(200).body("reached", equalTo(true)).body("reason", nullValue());
        gateway(partner).body("{\"subject\": \"" + subject + "\", \"age\": 14}").post("/api/v1/age-checks")
                .then().statusCode(422).contentType("application/problem+json").body("field", equalTo("age"));

        String door = maskinporten("door-system-2030000", "door");
        gateway(door).body("{\"cardNumber\": \"" + member + "\", \"pin\": \"" + PIN + "\"}")
                .post("/api/v1/open-library/2030000/door-access").then().statusCode(200).body("granted", equalTo(true));
        gateway(door).body("{\"cardNumber\": \"" + other + "\", \"pin\": \"" + PIN + "\"}")
                .post("/api/v1/open-library/2030000/door-access").then().statusCode(200)
                .body("granted", equalTo(false)).body("reason", equalTo("NOT_MEMBER"));
    }

    /** Registers an adult patron with PIN 4827 and a printed card from the library's own series; returns the card. */
    private static String register(String client, String library) {
        String card = gateway(maskinporten(client, "series")).header("Library-Number", library).body("{\"count\": 10}")
                .post("/api/v1/number-series").then().statusCode(201).extract().path("first");
        String body = """
                {"identityNumber": "%s", "givenNames": "Kari", "surname": "Nordmann",
                 "permanentAddress": {"streetLines": ["Storgata 1"], "postcode": "0150", "place": "Oslo"},
                 "email": "kari@example.no", "language": "nb", "pin": "%s", "cardNumber": "%s"}"""
                .formatted(SyntheticIdentityNumbers.next(), PIN, card);
        gateway(maskinporten(client, "patrons.write")).header("Library-Number", library).body(body)
                .post("/api/v1/patrons").then().statusCode(201);
        return card;
    }

}
