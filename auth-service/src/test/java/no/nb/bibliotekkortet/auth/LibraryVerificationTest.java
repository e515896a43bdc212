package no.nb.bibliotekkortet.auth;

import static no.nb.bibliotekkortet.auth.support.Fixtures.PASSWORD;
import static no.nb.bibliotekkortet.auth.support.Fixtures.PIN;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.Map;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import no.nb.bibliotekkortet.auth.support.Fixtures.TestPatron;
import org.junit.jupiter.api.Test;

/** Verification for library systems (R17): the chosen level must be supported by L and met by the secret. */
@QuarkusTest
class LibraryVerificationTest extends AuthTestBase {

    private static io.restassured.response.ValidatableResponse verify(String client, String library, Map<String, ?> body) {
        return Fixtures.as(client, "patrons.read").header("Library-Number", library).body(body)
                .post("/api/v1/authentications/library").then();
    }

    @Test
    void securityCases() {
        TestPatron p = Fixtures.patron();
        Map<String, String> body = Map.of("cardNumber", p.cardNumber(), "pin", PIN);
        io.restassured.RestAssured.given().contentType("application/json").body(body)
                .post("/api/v1/authentications/library").then().statusCode(401);
        Fixtures.as("library-system-2030000", "series").header("Library-Number", Fixtures.OSLO).body(body)
                .post("/api/v1/authentications/library").then().statusCode(403);
        verify("library-system-2030000", Fixtures.BERGEN, body).statusCode(403);
        Fixtures.as("library-system-2030000", "patrons.read").body(body).post("/api/v1/authentications/library").then()
                .statusCode(400).body("field", equalTo("Library-Number"));
        verify("library-system-2030000", Fixtures.OSLO, body).statusCode(200).body("valid", equalTo(true))
                .body("level", equalTo("nlsso-loa-low"));
    }

    @Test
    void aLibraryThatDoesNotSupportLowNeedsThePassword() {
        TestPatron p = Fixtures.patron(LocalDate.of(1980, 1, 1), "IDENTITY_NUMBER", true);
        verify("library-system-2120100", Fixtures.BERGEN, Map.of("cardNumber", p.cardNumber(), "pin", PIN))
                .statusCode(200).body("valid", equalTo(false)).body("reason", equalTo("LEVEL_TOO_LOW"))
                .body("requiredLevel", equalTo("nlsso-loa-substantial"));
        verify("library-system-2120100", Fixtures.BERGEN, Map.of("cardNumber", p.cardNumber(), "password", PASSWORD))
                .statusCode(200).body("valid", equalTo(true)).body("level", equalTo("nlsso-loa-substantial"));
        verify("library-system-2120100", Fixtures.BERGEN, Map.of("cardNumber", p.cardNumber(), "pin", "9999"))
                .body("reason", equalTo("INVALID"));
    }
}
