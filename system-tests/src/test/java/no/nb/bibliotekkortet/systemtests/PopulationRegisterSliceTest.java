package no.nb.bibliotekkortet.systemtests;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.idporten;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static no.nb.bibliotekkortet.systemtests.support.Suite.populationRegisterUrl;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 end to end: a citizen self-registers at 2030000 and gets the population register's name and address
 * (the stand-in in local-edge knows the person); staff activate the membership and the library has a webhook; then
 * the stand-in reports strictly confidential address protection for the person, and within the feed follower's
 * interval (2 s in the local suite) the address is gone from the staff view, {@code /me}, the change feed and the
 * webhook delivery (R5). Needs patron, membership and the stand-in running.
 */
@RunningSuite
class PopulationRegisterSliceTest {

    private static final String LIBRARY = "2030000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String person(String identityNumber, boolean protectedAddress) {
        String address = protectedAddress
                ? "\"adressebeskyttelse\": [{\"graderingsnivaa\": \"strengtFortrolig\", \"erGjeldende\": true}]"
                : "\"bostedsadresse\": [{\"erGjeldende\": true, \"adressegradering\": \"ugradert\", \"vegadresse\": "
                + "{\"adressenavn\": \"BJØRVIKAGATA\", \"adressenummer\": {\"husnummer\": \"21\"}, "
                + "\"poststed\": {\"postnummer\": \"0194\", \"poststedsnavn\": \"OSLO\"}}}]";
        return """
                {"identifikasjonsnummer": [{"foedselsEllerDNummer": "%s", "identifikatortype": "foedselsnummer",
                   "status": "iBruk", "erGjeldende": true}],
                 "status": [{"status": "bosatt", "erGjeldende": true}],
                 "navn": [{"fornavn": "RAGNHILD", "etternavn": "VERNEVIK", "erGjeldende": true}],
                 %s}""".formatted(identityNumber, address);
    }

    @Test
    void protectionReportedByTheRegisterErasesTheAddressEverywhere() throws Exception {
        String identityNumber = SyntheticIdentityNumbers.next();
        given().baseUri(populationRegisterUrl()).contentType(ContentType.JSON).body(person(identityNumber, false))
                .put("/test/personer").then().statusCode(204);

        String citizen = idporten(identityNumber, "idporten-loa-substantial");
        String card = gateway(citizen).body("""
                {"givenNames": "Typed", "surname": "Name", "homeLibrary": "2030000", "email": "ragnhild@example.no",
                 "permanentAddress": {"streetLines": ["Typed street 1"], "postcode": "0150", "place": "Oslo"},
                 "language": "nb", "pin": "4831"}""")
                .post("/api/v1/me").then().statusCode(201)
                .body("name.surname", equalTo("Vernevik"))
                .body("permanentAddress.streetLines[0]", equalTo("Bjørvikagata 21"))
                .body("populationRegister.check", equalTo("VERIFIED"))
                .extract().path("cards[0].cardNumber");
        String patronId = gateway(citizen).get("/api/v1/me").then().statusCode(200).extract().path("patronId");

        gateway(maskinporten("library-system-2030000", "memberships")).header("Library-Number", LIBRARY)
                .body("{\"cardNumber\": \"" + card + "\"}")
                .post("/api/v1/libraries/" + LIBRARY + "/memberships/activation").then().statusCode(200);
        String staff = maskinporten("library-system-2030000", "patrons.read");
        for (int i = 0; i < 100 && !Boolean.TRUE.equals(gateway(staff).header("Library-Number", LIBRARY)
                .get("/api/v1/patrons/" + card).then().statusCode(200).extract().path("member")); i++) {
            Thread.sleep(200);
        }
        gateway(staff).header("Library-Number", LIBRARY).get("/api/v1/patrons/" + card).then().statusCode(200)
                .body("permanentAddress.streetLines[0]", equalTo("Bjørvikagata 21"));

        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        receiver.createContext("/hooks", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            gateway(staff).header("Library-Number", LIBRARY)
                    .body("{\"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks\"}")
                    .put("/api/v1/changes/webhook").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));

            given().baseUri(populationRegisterUrl()).contentType(ContentType.JSON)
                    .body("{\"hendelsestype\": \"endringIAdressebeskyttelse\", \"person\": " + person(identityNumber, true) + "}")
                    .post("/test/hendelser").then().statusCode(201);

            // Within the follower's interval: the staff view.
            JsonNode view = null;
            for (int i = 0; i < 150; i++) {
                view = JSON.readTree(gateway(staff).header("Library-Number", LIBRARY).get("/api/v1/patrons/" + card)
                        .then().statusCode(200).extract().asString());
                if (view.path("addressProtected").asBoolean()) {
                    break;
                }
                Thread.sleep(200);
            }
            assertTrue(view.path("addressProtected").asBoolean(), "protection applied within 30 s");
            assertTrue(view.path("permanentAddress").isMissingNode() || view.path("permanentAddress").isNull(), view.toString());
            assertNoAddress(view.toString());

            // /me.
            String me = gateway(citizen).get("/api/v1/me").then().statusCode(200).body("addressProtected", equalTo(true))
                    .extract().asString();
            assertNoAddress(me);

            // The change feed: every record of the patron, including the register's own change.
            // (The feed serves a record once every older transaction has ended: read it again until it is there.)
            boolean registerChange = false;
            for (int attempt = 0; attempt < 100 && !registerChange; attempt++) {
                if (attempt > 0) {
                    Thread.sleep(300);
                }
                registerChange = feedHasTheRegistersChange(staff, patronId);
            }
            assertTrue(registerChange, "the feed has the register's change");

            // The webhook delivery of that change (deliveries carry the record as the feed serves it now).
            String delivery = null;
            for (int i = 0; i < 150 && delivery == null; i++) {
                delivery = received.stream().filter(b -> b.contains(patronId) && b.contains("POPULATION_REGISTER")
                        && b.contains("addressProtected")).findFirst().orElse(null);
                if (delivery == null) {
                    Thread.sleep(200);
                }
            }
            assertNotNull(delivery, "webhook delivery of the register's change");
            JsonNode pushed = JSON.readTree(delivery);
            assertEquals(true, pushed.path("patron").path("addressProtected").asBoolean(), delivery);
            assertNoAddress(delivery);
        } finally {
            gateway(staff).header("Library-Number", LIBRARY).delete("/api/v1/changes/webhook");
            receiver.stop(0);
        }
    }

    /** Walks the library's whole feed: no record of the patron carries the address; true when the register's change is there. */
    private static boolean feedHasTheRegistersChange(String staff, String patronId) throws Exception {
        boolean found = false;
        String after = null;
        for (int page = 0; page < 1000; page++) {
            var request = gateway(staff).header("Library-Number", LIBRARY).queryParam("limit", 1000);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonNode body = JSON.readTree(request.get("/api/v1/changes").then().statusCode(200).extract().asString());
            for (JsonNode change : body.path("changes")) {
                if (patronId.equals(change.path("patronId").asText())) {
                    assertNoAddress(change.toString());
                    found |= "POPULATION_REGISTER".equals(change.path("changedBy").asText())
                            && change.path("fields").toString().contains("addressProtected");
                }
            }
            after = body.path("next").asText();
            if (!body.path("more").asBoolean()) {
                return found;
            }
        }
        return found;
    }

    private static void assertNoAddress(String text) {
        for (String s : List.of("Bjørvikagata", "BJØRVIKAGATA", "0194", "Typed street")) {
            assertFalse(text.contains(s), s + " in " + text);
        }
    }
}
