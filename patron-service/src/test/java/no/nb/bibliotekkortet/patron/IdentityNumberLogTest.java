package no.nb.bibliotekkortet.patron;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.patron.support.PatronApi.BERGEN;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static no.nb.bibliotekkortet.patron.support.PatronApi.as;
import static no.nb.bibliotekkortet.patron.support.PatronApi.register;
import static no.nb.bibliotekkortet.patron.support.PatronApi.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.TestDb;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.Test;

/**
 * Identity numbers never reach the logs: registrations (ok, duplicate, refused, failed downstream) and lookups,
 * then the service's log file ({@code target/quarkus.log}, %test) is scanned for every number used — zero hits.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class IdentityNumberLogTest {

    @Inject
    TestDb db;

    @Test
    void noIdentityNumberInTheLog() throws Exception {
        db.clean();
        PatronApi.resetStubs();
        List<String> used = new ArrayList<>(List.of("15038512011", "201512345678", "61079023067"));
        String a = TestIdentities.synthetic();
        String b = TestIdentities.synthetic();
        String d = TestIdentities.syntheticDNumber();
        used.addAll(List.of(a, b, d));

        String card = PatronApi.registered(a);
        register(registration(a)).statusCode(409);
        Map<String, Object> dBody = registration(d);
        dBody.put("birthDate", "1980-01-01");
        register(dBody).statusCode(201);
        register(registration("15038512011")).statusCode(400);
        register(registration("201512345678")).statusCode(422);
        register(registration("61079023067")).statusCode(400);
        EdgeStubResource.server("membership-service").answer("/internal/v1/memberships", 500, null);
        register(registration(b)).statusCode(503);
        PatronApi.resetStubs();
        // Concurrent registrations of one person: the losers hit the unique index, whose error names the key's value
        // (the identity number's keyed hash, a pseudonym of the person) if Hibernate logs it.
        String c = TestIdentities.synthetic();
        used.add(c);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var all = new ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 4; i++) {
                all.add(pool.submit(() -> register(registration(c)).extract().statusCode()));
            }
            for (var f : all) {
                assertTrue(List.of(201, 409).contains(f.get()));
            }
        } finally {
            pool.shutdownNow();
        }
        for (String number : used) {
            as(OSLO, "patrons.read").body(Map.of("identityNumber", number)).post("/api/v1/patrons/search");
            as(BERGEN, "patrons.read").body(Map.of("identityNumber", number)).post("/api/v1/patrons/search");
            given().auth().oauth2(PatronApi.internalToken("auth-service")).contentType(ContentType.JSON)
                    .body(Map.of("identityNumber", number)).post("/internal/v1/patrons/resolve");
        }
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + card).then().statusCode(200);

        Path log = Path.of("target/quarkus.log");
        assertTrue(Files.exists(log), "the %test profile writes target/quarkus.log");
        String text = Files.readString(log);
        assertTrue(text.contains("Registered patron"), "the log file captured this test's registrations");
        for (String number : used) {
            assertEquals(-1, text.indexOf(number), "identity number found in the log");
        }
        assertEquals(-1, text.indexOf("Key (identity_hash)"), "an identity number's hash found in the log");
    }
}
