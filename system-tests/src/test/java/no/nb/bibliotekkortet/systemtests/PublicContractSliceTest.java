package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.nb.bibliotekkortet.systemtests.support.ContractValidation;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.Suite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: the public contract as a vendor meets it through the gateway — the document and its reference page answer,
 * it holds only public operations with words, typed errors and valid security schemes — and each error status it
 * documents is answered somewhere, each response checked against the document by {@link ContractValidation}.
 */
@RunningSuite
class PublicContractSliceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGatewayServesTheContractAndItsReferencePage() throws Exception {
        String text = gateway().get("/api/openapi.json").then().statusCode(200).contentType(startsWith("application/json"))
                .extract().asString();
        JsonNode doc = JSON.readTree(text);
        assertEquals("3.0.3", doc.path("openapi").asText());
        List<String> wrong = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> {
            if (!p.getKey().startsWith("/api/")) {
                wrong.add("not public: " + p.getKey());
            }
            p.getValue().fields().forEachRemaining(o -> {
                JsonNode op = o.getValue();
                String name = o.getKey() + " " + p.getKey();
                if (op.path("summary").asText().isBlank() || op.path("summary").asText().equals(op.path("operationId").asText())) {
                    wrong.add("no summary in words: " + name);
                }
                if (op.path("description").asText().isBlank()) {
                    wrong.add("no description: " + name);
                }
                op.path("responses").fields().forEachRemaining(r -> {
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        if (!r.getValue().path("$ref").asText().startsWith("#/components/responses/")) {
                            wrong.add("error " + r.getKey() + " without the shared Problem response: " + name);
                        }
                    }
                });
            });
        });
        assertEquals(List.of(), wrong);
        assertTrue(doc.path("paths").has("/api/v1/libraries/{libraryNumber}/memberships"));
        JsonNode register = doc.at("/paths/~1api~1v1~1patrons/post/responses");
        assertTrue(register.has("201") && register.path("201").path("headers").has("Location"), register.toString());
        assertFalse(register.has("200"), "POST /api/v1/patrons answers 201, not 200");
        assertEquals("https://idporten.no/.well-known/openid-configuration",
                doc.at("/components/securitySchemes/idporten/openIdConnectUrl").asText());
        assertEquals("https://maskinporten.no/token",
                doc.at("/components/securitySchemes/maskinporten/flows/clientCredentials/tokenUrl").asText());
        assertTrue(doc.at("/components/schemas/Problem/properties").has("rule"));
        assertTrue(doc.at("/components/responses/TooManyRequests/headers").has("Retry-After"));
        gateway().get("/api/openapi.yaml").then().statusCode(200).body(containsString("openapi: 3.0.3"));
        gateway().accept("text/html").get("/api/docs").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("swagger-ui-bundle.js"));
        gateway().accept("*/*").get("/api/docs/swagger-ui-bundle.js").then().statusCode(200);
        gateway().accept("*/*").get("/api/docs/requirements.md").then().statusCode(200).body(containsString("<a id=\"r12\"></a>"));
    }

    /** The roles the contract states per operation are those each service's own runtime document declares. */
    @Test
    void theContractsRolesAreTheServicesDeclarations() throws Exception {
        JsonNode doc = JSON.readTree(gateway().get("/api/openapi.json").then().statusCode(200).extract().asString());
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (var op : no.nb.bibliotekkortet.systemtests.support.DeclaredOperations.read()) {
            if (op.internal()) {
                continue;
            }
            JsonNode contract = doc.path("paths").path(op.path()).path(op.method().toLowerCase());
            if (contract.isMissingNode()) {
                wrong.add("not in the contract: " + op);
                continue;
            }
            java.util.Set<String> roles = new java.util.LinkedHashSet<>();
            contract.path("x-roles").forEach(r -> roles.add(r.asText()));
            if (!roles.equals(op.roles())) {
                wrong.add(op + ": contract " + roles + ", service " + op.roles());
            }
            compared++;
        }
        assertEquals(List.of(), wrong);
        assertTrue(compared > 60, "compared " + compared);
    }

    /** 400, 401, 403, 404, 409, 422 and 429 as documented, each validated against the contract by the suite's filter. */
    @Test
    void theDocumentedClientErrorsOccurAndMatchTheContract() {
        int before = ContractValidation.validated();
        String write = maskinporten("library-system-2030000", "patrons.write");
        String read = maskinporten("library-system-2030000", "patrons.read");
        gateway(read).header("Library-Number", "2030000").get("/api/v1/patrons/n123").then().statusCode(400)
                .body("field", equalTo("cardNumber"));
        gateway().header("Library-Number", "2030000").get("/api/v1/patrons/N000000001").then().statusCode(401);
        gateway(read).header("Library-Number", "2120100").get("/api/v1/patrons/N000000001").then().statusCode(403);
        gateway(read).header("Library-Number", "2030000").get("/api/v1/patrons/N999999997").then().statusCode(404);
        String card = Suite.registerPatron("contract-" + UUID.randomUUID().toString().substring(0, 8) + "@example.no", "4827");
        String again = """
                {"identityNumber": "%s", "givenNames": "Kari", "surname": "Nordmann",
                 "permanentAddress": {"streetLines": ["Storgata 1"], "postcode": "0150", "place": "Oslo"},
                 "email": "again@example.no", "language": "nb", "pin": "4827", "cardNumber": "%s"}"""
                .formatted(SyntheticIdentityNumbers.next(), card);
        Suite.retrying503(() -> gateway(write).header("Library-Number", "2030000").body(again).post("/api/v1/patrons"))
                .then().statusCode(409);
        String outside = again.replace(card, "N999999990").replace("again@", "outside@")
                .replaceFirst("\"identityNumber\": \"[0-9]+\"", "\"identityNumber\": \"" + SyntheticIdentityNumbers.next() + "\"");
        Suite.retrying503(() -> gateway(write).header("Library-Number", "2030000").body(outside).post("/api/v1/patrons"))
                .then().statusCode(422).body("field", equalTo("cardNumber"));
        // 429 with Retry-After: a patron asks for more one-time codes than 5 an hour (R16).
        String pinCard = Suite.registerPatron("otp-limit-" + UUID.randomUUID().toString().substring(0, 8) + "@example.no", "4827");
        String patron = Suite.patronToken(pinCard, "4827");
        int status = 0;
        for (int i = 0; i < 8 && status != 429; i++) {
            io.restassured.response.Response r = gateway(patron).body("{\"purpose\": \"change-personal-data\", \"channel\": \"EMAIL\"}")
                    .post("/api/v1/otp");
            status = r.statusCode();
            if (status == 429) {
                r.then().contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.matchesPattern("[0-9]+"));
            }
        }
        assertEquals(429, status, "the sixth one-time code within an hour is refused with 429");
        assertTrue(ContractValidation.validated() - before >= 8, "responses validated: " + (ContractValidation.validated() - before));
    }

    @Test
    void javaTypeNamesAreRecognised() {
        assertEquals(List.of("BigInteger"), ContractValidation.javaTypeNames("The field 'count' must be of type BigInteger"));
        assertEquals(List.of(), ContractValidation.javaTypeNames("The field 'count' must be of type integer"));
        assertFalse(ContractValidation.javaTypeNames("at java.base/java.lang.Thread.run").isEmpty());
    }
}
