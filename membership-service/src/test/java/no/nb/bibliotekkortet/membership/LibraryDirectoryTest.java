package no.nb.bibliotekkortet.membership;

import static no.nb.bibliotekkortet.membership.support.Api.admin;
import static no.nb.bibliotekkortet.membership.support.Api.anonymous;
import static no.nb.bibliotekkortet.membership.support.Api.client;
import static no.nb.bibliotekkortet.membership.support.Api.oslo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Instant;
import no.nb.bibliotekkortet.membership.service.LibraryCsv;
import no.nb.bibliotekkortet.membership.service.LibraryDirectory;
import no.nb.bibliotekkortet.membership.support.Api;
import no.nb.bibliotekkortet.membership.support.TestClock;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The library directory through HTTP with real tokens: the seeded real list, search, defaults, NB's
 * writes (activation mode, loan rules versions), seeding never overwriting an admin's change, and the
 * 400/401/403/404/409 cases.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = "patron-service,notification-service"))
class LibraryDirectoryTest {

    @Inject
    LibraryDirectory directory;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theRealLibrariesAreSeededWithDocumentedDefaults() {
        oslo().get("/api/v1/libraries").then().statusCode(200).body("size()", greaterThanOrEqualTo(126));
        Api.citizen(no.nb.bibliotekkortet.membership.support.PatronStub.newPatron())
                .get("/api/v1/libraries/2042600").then().statusCode(200)
                .body("name", equalTo("Våler folkebibliotek, Hedmark"))
                .body("isil", equalTo("NO-2042600"))
                .body("type", equalTo(2))
                .body("municipalityCode", equalTo("0426"))
                .body("securityLevels", contains("nlsso-loa-low", "nlsso-loa-substantial", "nlsso-loa-high"))
                .body("partnerServices.size()", equalTo(0))
                .body("unstaffedMinimumAge", nullValue())
                .body("dataProcessingAgreement.signed", equalTo(false));
    }

    @Test
    void searchByNamePrefixMunicipalityAndType() {
        oslo().queryParam("name", "våler").get("/api/v1/libraries").then().statusCode(200)
                .body("name", hasItem("Våler folkebibliotek, Hedmark")).body("name", everyItem(startsWith("Våler")));
        oslo().queryParam("municipality", "0300").get("/api/v1/libraries").then().statusCode(200)
                .body("municipalityCode", everyItem(equalTo("0300"))).body("libraryNumber", hasItem("2030000"));
        oslo().queryParam("type", "3").get("/api/v1/libraries").then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(5)).body("type", everyItem(equalTo(3)));
        oslo().queryParam("municipality", "301").get("/api/v1/libraries").then().statusCode(400).body("field", equalTo("municipality"));
        oslo().queryParam("type", "xx").get("/api/v1/libraries").then().statusCode(400).body("field", equalTo("type"));
    }

    @Test
    void readsNeedAValidToken() {
        anonymous().get("/api/v1/libraries").then().statusCode(401);
        anonymous().auth().oauth2(Tokens.expired(Api.OSLO_CLIENT, "memberships")).get("/api/v1/libraries").then().statusCode(401);
        client("partner-filmoteket").get("/api/v1/libraries/2030000").then().statusCode(200);
    }

    @Test
    void unknownIs404MalformedIs400() {
        oslo().get("/api/v1/libraries/9999998").then().statusCode(404).body("type", equalTo("https://bibliotekkortet.no/problems/library-not-found"));
        oslo().get("/api/v1/libraries/123").then().statusCode(400).body("field", equalTo("libraryNumber"));
        oslo().get("/api/v1/libraries/20300AB").then().statusCode(400);
    }

    @Test
    void backOfficeSwitchesToDigitalAndPublishesLoanRulesVersion2() {
        String lib = Api.newLibrary("IN_PERSON", null);
        admin().body("{\"activationMode\": \"DIGITAL\", \"securityLevels\": [\"nlsso-loa-substantial\", \"nlsso-loa-high\"], "
                        + "\"partnerServices\": [\"filmoteket\"], \"unstaffedMinimumAge\": 15, \"contactEmail\": \"post@example.no\"}")
                .patch("/api/v1/libraries/" + lib).then().statusCode(200)
                .body("activationMode", equalTo("DIGITAL"))
                .body("securityLevels", contains("nlsso-loa-substantial", "nlsso-loa-high"))
                .body("partnerServices", contains("filmoteket"))
                .body("unstaffedMinimumAge", equalTo(15))
                .body("contactEmail", equalTo("post@example.no"));
        String today = directory.today().toString();
        admin().body("{\"text\": \"Lånereglement v2\", \"validFrom\": \"" + today + "\"}")
                .post("/api/v1/libraries/" + lib + "/loan-rules").then().statusCode(201)
                .body("loanRules.version", equalTo(2)).body("loanRules.text", equalTo("Lånereglement v2"))
                .body("loanRules.validFrom", equalTo(today)).body("upcomingLoanRules", hasSize(0));
        oslo().get("/api/v1/libraries/" + lib).then().body("loanRules.version", equalTo(2)).body("activationMode", equalTo("DIGITAL"));
    }

    @Test
    void futureLoanRulesArePublishedAsUpcomingAndBecomeCurrentOnTheirDate() {
        String lib = Api.newLibrary("DIGITAL", null);
        // Before the fix: loanRules.version 2 at once.
        admin().body("{\"link\": \"https://bibliotek.example.no/regler-2030\", \"validFrom\": \"2030-01-01\"}")
                .post("/api/v1/libraries/" + lib + "/loan-rules").then().statusCode(201)
                .body("loanRules.version", equalTo(1))
                .body("upcomingLoanRules", hasSize(1))
                .body("upcomingLoanRules[0].version", equalTo(2))
                .body("upcomingLoanRules[0].link", equalTo("https://bibliotek.example.no/regler-2030"))
                .body("upcomingLoanRules[0].validFrom", equalTo("2030-01-01"));
        oslo().get("/api/v1/libraries/" + lib).then().body("loanRules.version", equalTo(1)).body("upcomingLoanRules[0].version", equalTo(2));
        oslo().queryParam("name", "Testbibliotek " + lib).get("/api/v1/libraries").then()
                .body("[0].loanRules.version", equalTo(1)).body("[0].upcomingLoanRules[0].version", equalTo(2));
        Api.internal().get("/internal/v1/libraries/" + lib).then().body("loanRules.version", equalTo(1));

        clock.set(Instant.parse("2029-12-31T22:59:59Z"));
        oslo().get("/api/v1/libraries/" + lib).then().body("loanRules.version", equalTo(1));
        clock.set(Instant.parse("2029-12-31T23:00:00Z"));
        oslo().get("/api/v1/libraries/" + lib).then().body("loanRules.version", equalTo(2))
                .body("loanRules.validFrom", equalTo("2030-01-01")).body("upcomingLoanRules", hasSize(0));
        Api.internal().get("/internal/v1/libraries/" + lib).then().body("loanRules.version", equalTo(2));
    }

    @Test
    void backDatedLoanRulesAre422() {
        clock.set(Instant.parse("2029-03-01T10:00:00Z"));
        String lib = Api.newLibrary("DIGITAL", null);
        // Before the fix: 201, and version 2 dated before version 1 became current.
        admin().body("{\"text\": \"Gamle regler\", \"validFrom\": \"2020-01-01\"}").post("/api/v1/libraries/" + lib + "/loan-rules")
                .then().statusCode(422).body("field", equalTo("validFrom")).body("rule", equalTo("not-before-current"))
                .body("type", equalTo("https://bibliotekkortet.no/problems/loan-rules-back-dated"));
        clock.set(Instant.parse("2029-03-10T10:00:00Z"));
        admin().body("{\"text\": \"Regler\", \"validFrom\": \"2029-03-05\"}").post("/api/v1/libraries/" + lib + "/loan-rules")
                .then().statusCode(422).body("field", equalTo("validFrom")).body("rule", equalTo("not-in-the-past"));
        admin().body("{\"text\": \"Sommer\", \"validFrom\": \"2029-06-01\"}").post("/api/v1/libraries/" + lib + "/loan-rules")
                .then().statusCode(201).body("upcomingLoanRules[0].version", equalTo(2));
        admin().body("{\"text\": \"Vår\", \"validFrom\": \"2029-05-01\"}").post("/api/v1/libraries/" + lib + "/loan-rules")
                .then().statusCode(422).body("field", equalTo("validFrom")).body("rule", equalTo("not-before-upcoming"));
        // The same date replaces the scheduled version before it takes effect.
        admin().body("{\"text\": \"Sommer, rettet\", \"validFrom\": \"2029-06-01\"}").post("/api/v1/libraries/" + lib + "/loan-rules")
                .then().statusCode(201).body("loanRules.version", equalTo(1))
                .body("upcomingLoanRules", hasSize(1)).body("upcomingLoanRules[0].version", equalTo(3))
                .body("upcomingLoanRules[0].text", equalTo("Sommer, rettet"));
        clock.set(Instant.parse("2029-06-01T10:00:00Z"));
        oslo().get("/api/v1/libraries/" + lib).then().body("loanRules.version", equalTo(3)).body("upcomingLoanRules", hasSize(0));
    }

    /** Issue 14: a date years ahead (9999-12-31 was accepted) would block every later version of the rules. */
    @Test
    void loanRulesMoreThanFiveYearsAheadAre422() {
        clock.set(Instant.parse("2029-03-01T10:00:00Z"));
        String lib = Api.newLibrary("DIGITAL", null);
        admin().body("{\"text\": \"Langt fram\", \"validFrom\": \"9999-12-31\"}").post("/api/v1/libraries/" + lib + "/loan-rules")
                .then().statusCode(422).body("field", equalTo("validFrom")).body("rule", equalTo("at most 5 years ahead"))
                .body("type", equalTo("https://bibliotekkortet.no/problems/loan-rules-too-far-ahead"));
        admin().body("{\"text\": \"Om to \u00e5r\", \"validFrom\": \"2034-03-02\"}").post("/api/v1/libraries/" + lib + "/loan-rules")
                .then().statusCode(422).body("field", equalTo("validFrom"));
        admin().body("{\"text\": \"Om fem \u00e5r\", \"validFrom\": \"2034-03-01\"}").post("/api/v1/libraries/" + lib + "/loan-rules")
                .then().statusCode(201);
    }

    /** Issue 14: text is checked at the edge; HTML is kept as text; multi-line only where declared. */
    @Test
    void controlBidiAndZeroWidthCharactersAreRefusedAndTextIsNormalised() {
        String lib = Api.newLibrary("IN_PERSON", null);
        for (String bad : new String[] {"Deich\\u0000man", "Deich\\u202eman", "Deich\\u200bman", "Deich\\r\\nman", "\\ud800"}) {
            admin().body("{\"name\": \"" + bad + "\"}").patch("/api/v1/libraries/" + lib).then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("name"));
        }
        admin().body("{\"name\": \"Deichman \\u0062<b>Gr\\u0061\\u030a\"}").patch("/api/v1/libraries/" + lib).then().statusCode(200)
                .body("name", equalTo("Deichman b<b>Gr\u00e5"));
        admin().body("{\"text\": \"Linje 1\\r\\nLinje 2\\tslutt\"}").post("/api/v1/libraries/" + lib + "/loan-rules")
                .then().statusCode(201).body("loanRules.text", equalTo("Linje 1\nLinje 2\tslutt"));
        admin().body("{\"text\": \"Linje\\u0007\"}").post("/api/v1/libraries/" + lib + "/loan-rules")
                .then().statusCode(400).body("field", equalTo("text"));
    }

    @Test
    void invalidAdminInputIs400() {
        String lib = Api.newLibrary("IN_PERSON", null);
        admin().body("{\"activationMode\": \"BY_POST\"}").patch("/api/v1/libraries/" + lib).then().statusCode(400).body("field", equalTo("activationMode"));
        admin().body("{\"securityLevels\": [\"loa-x\"]}").patch("/api/v1/libraries/" + lib).then().statusCode(400);
        admin().body("{\"securityLevels\": []}").patch("/api/v1/libraries/" + lib).then().statusCode(400).body("field", equalTo("securityLevels"));
        admin().body("{\"contactEmail\": \"not-an-address\"}").patch("/api/v1/libraries/" + lib).then().statusCode(400);
        admin().body("{\"unstaffedMinimumAge\": 300}").patch("/api/v1/libraries/" + lib).then().statusCode(400);
        admin().body("{\"loans\": 3}").patch("/api/v1/libraries/" + lib).then().statusCode(400).body("field", equalTo("loans"));
        admin().body("{}").post("/api/v1/libraries/" + lib + "/loan-rules").then().statusCode(400).body("field", equalTo("text"));
        admin().body("{\"activationMode\": \"DIGITAL\"}").patch("/api/v1/libraries/12345").then().statusCode(400);
        admin().body("{\"activationMode\": \"DIGITAL\"}").patch("/api/v1/libraries/9999997").then().statusCode(404);
    }

    @Test
    void createIs201ThenDuplicateIs409() {
        String lib = Api.newLibrary("DIGITAL", null);
        admin().body("{\"libraryNumber\": \"" + lib + "\", \"name\": \"Dup\", \"type\": 2, \"municipalityCode\": \"0301\"}")
                .post("/api/v1/libraries").then().statusCode(409);
        admin().body("{\"libraryNumber\": \"12\", \"name\": \"Bad\", \"type\": 2, \"municipalityCode\": \"0301\"}")
                .post("/api/v1/libraries").then().statusCode(400).body("field", equalTo("libraryNumber"));
    }

    @Test
    void writesNeedNbsBackOffice() {
        String lib = Api.newLibrary("IN_PERSON", null);
        String body = "{\"activationMode\": \"DIGITAL\"}";
        anonymous().body(body).patch("/api/v1/libraries/" + lib).then().statusCode(401);
        oslo().body(body).patch("/api/v1/libraries/" + lib).then().statusCode(403);
        client(Api.OSLO_CLIENT, "admin").body(body).patch("/api/v1/libraries/" + lib).then().statusCode(403)
                .body("type", equalTo("https://bibliotekkortet.no/problems/operation-not-allowed"));
        Api.citizen(no.nb.bibliotekkortet.membership.support.PatronStub.newPatron()).body(body)
                .patch("/api/v1/libraries/" + lib).then().statusCode(403);
    }

    @Test
    void seedingNeverOverwritesAnAdminsChange() throws Exception {
        admin().body("{\"name\": \"Halden bibliotek (endret)\"}").patch("/api/v1/libraries/2010100").then().statusCode(200);
        int inserted = directory.seed(LibraryCsv.parse(new StringReader(
                "library_number,name,library_type,municipality_code\n2010100,Halden bibliotek,2,0101\n")));
        assertEquals(0, inserted);
        oslo().get("/api/v1/libraries/2010100").then().body("name", equalTo("Halden bibliotek (endret)"));
        admin().body("{\"name\": \"Halden bibliotek\"}").patch("/api/v1/libraries/2010100").then().statusCode(200);
    }
}
