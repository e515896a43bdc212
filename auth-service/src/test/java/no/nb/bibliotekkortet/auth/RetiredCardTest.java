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

/**
 * R1 (issue 10): a card number retired while its account lives on (printed card for a digital one, lost card,
 * merge) still resolves at patron-service ({@code cardState: RETIRED}) but never verifies a PIN or password: the
 * answer is INVALID, the same as for an unknown card, also with the right secret.
 */
@QuarkusTest
class RetiredCardTest extends AuthTestBase {

    private static io.restassured.response.ValidatableResponse verify(Map<String, ?> body) {
        return Fixtures.as("library-system-2030000", "patrons.read").header("Library-Number", Fixtures.OSLO).body(body)
                .post("/api/v1/authentications/library").then();
    }

    @Test
    void aRetiredNumberNeverVerifiesThePinOrPassword() {
        TestPatron p = Fixtures.patron(LocalDate.of(1985, 3, 3), "IDENTITY_NUMBER", true);
        verify(Map.of("cardNumber", p.cardNumber(), "pin", PIN)).statusCode(200).body("valid", equalTo(true));

        Fixtures.retire(p);

        verify(Map.of("cardNumber", p.cardNumber(), "pin", PIN)).statusCode(200).body("valid", equalTo(false))
                .body("reason", equalTo("INVALID"));
        verify(Map.of("cardNumber", p.cardNumber(), "password", PASSWORD)).statusCode(200)
                .body("valid", equalTo(false)).body("reason", equalTo("INVALID"));
        // patron login (issue 9) with the retired number: no token
        PatronSessionTest.pin(p, PIN).statusCode(403).body("reason", equalTo("INVALID"))
                .body("accessToken", org.hamcrest.Matchers.nullValue());
    }
}
