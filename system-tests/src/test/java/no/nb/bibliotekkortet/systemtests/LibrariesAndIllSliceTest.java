package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.ADMIN;
import static no.nb.bibliotekkortet.systemtests.support.Suite.freshLibrary;
import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 end to end through the gateway with real tokens (membership-service): the real libraries are
 * listed and searchable; NB's back office switches a library to DIGITAL and publishes loan rules version
 * 2; Biblioteksøk walks a library without an agreement through reminder 1, reminder 2, final warning and
 * refusal while a patron order is still allowed; a client registry change takes effect. Libraries that a
 * scenario changes are created fresh (9xxxxxx), so the scenario can run again on the same database.
 */
@RunningSuite
class LibrariesAndIllSliceTest {

    private static io.restassured.response.ValidatableResponse ill(String token, String library, String by) {
        return gateway(token).body("{\"libraryNumber\": \"" + library + "\", \"orderedBy\": \"" + by + "\"}")
                .post("/api/v1/ill/authorisations").then();
    }

    @Test
    void theRealLibrariesAreListedAndSearchable() {
        String token = maskinporten("library-system-2030000", "memberships");
        gateway(token).get("/api/v1/libraries").then().statusCode(200).body("size()", greaterThanOrEqualTo(126))
                .body("libraryNumber", hasItem("2030000"));
        gateway(token).queryParam("name", "bergen").get("/api/v1/libraries").then().statusCode(200)
                .body("libraryNumber", hasItem("2120100")).body("name", everyItem(startsWith("Bergen")));
        gateway(token).get("/api/v1/libraries/2042600").then().statusCode(200)
                .body("name", equalTo("Våler folkebibliotek, Hedmark")).body("isil", equalTo("NO-2042600"));
        gateway().get("/api/v1/libraries").then().statusCode(401);
    }

    @Test
    void backOfficeSwitchesALibraryToDigitalAndPublishesLoanRulesVersion2() {
        String lib = freshLibrary("IN_PERSON");
        String admin = maskinporten(ADMIN, "admin");
        gateway(admin).body("{\"activationMode\": \"DIGITAL\"}").patch("/api/v1/libraries/" + lib)
                .then().statusCode(200).body("activationMode", equalTo("DIGITAL"));
        gateway(admin).body("{\"text\": \"Lånereglement, versjon 2\"}").post("/api/v1/libraries/" + lib + "/loan-rules")
                .then().statusCode(201).body("loanRules.version", equalTo(2));
        gateway(maskinporten("library-system-2030000", "memberships")).body("{\"activationMode\": \"IN_PERSON\"}")
                .patch("/api/v1/libraries/" + lib).then().statusCode(403);
    }

    @Test
    void biblioteksokWalksAnUnsignedLibraryToRefusalWhilePatronOrdersStayAllowed() {
        String lib = freshLibrary("IN_PERSON");
        String ill = maskinporten("biblioteksok", "ill");
        ill(ill, lib, "STAFF").statusCode(200).body("allowed", equalTo(true)).body("notice", equalTo("REMINDER_1"));
        ill(ill, lib, "STAFF").statusCode(200).body("notice", equalTo("REMINDER_2"));
        ill(ill, lib, "STAFF").statusCode(200).body("notice", equalTo("FINAL_WARNING"));
        ill(ill, lib, "STAFF").statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://bibliotekkortet.no/problems/ill-blocked"));
        ill(ill, lib, "PATRON").statusCode(200).body("allowed", equalTo(true));
        gateway(maskinporten(ADMIN, "admin")).body("{\"signedOn\": \"2024-09-01\", \"agreementVersion\": \"1.0\"}")
                .put("/api/v1/libraries/" + lib + "/data-processing-agreement").then().statusCode(200);
        ill(ill, lib, "STAFF").statusCode(200).body("allowed", equalTo(true)).body("notice", nullValue());
    }

    @Test
    void aClientRegistryChangeTakesEffect() {
        String admin = maskinporten(ADMIN, "admin");
        String newcomer = "unregistered-system";
        // make it an active ILL service (create, or re-activate after an earlier run)
        int created = gateway(admin).body("{\"clientId\": \"" + newcomer + "\", \"kind\": \"ILL_SERVICE\", \"name\": \"Scenario\"}")
                .post("/api/v1/clients").then().extract().statusCode();
        if (created == 409) {
            gateway(admin).body("{\"kind\": \"ILL_SERVICE\", \"name\": \"Scenario\", \"active\": true}")
                    .put("/api/v1/clients/" + newcomer).then().statusCode(200);
        }
        String lib = freshLibrary("IN_PERSON");
        ill(maskinporten(newcomer, "ill"), lib, "PATRON").statusCode(200);
        gateway(admin).delete("/api/v1/clients/" + newcomer).then().statusCode(200).body("active", equalTo(false));
        ill(maskinporten(newcomer, "ill"), lib, "PATRON").statusCode(403);
    }
}
