package no.nb.bibliotekkortet.patron.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.TokenKind;
import org.junit.jupiter.api.Test;

/** R16: the one decision of which own view a login gets; masking; the 15th birthday incl. 29 February. */
class SelfViewPolicyTest {

    @Test
    void idPortenSubstantialAndHighAreFullPatronLowAndSubstantialAreLimited() {
        assertEquals(SelfViewPolicy.View.FULL, SelfViewPolicy.decide(TokenKind.IDPORTEN, "idporten-loa-substantial"));
        assertEquals(SelfViewPolicy.View.FULL, SelfViewPolicy.decide(TokenKind.IDPORTEN, "idporten-loa-high"));
        assertEquals(SelfViewPolicy.View.LIMITED, SelfViewPolicy.decide(TokenKind.PATRON, "nlsso-loa-low"));
        assertEquals(SelfViewPolicy.View.LIMITED, SelfViewPolicy.decide(TokenKind.PATRON, "nlsso-loa-substantial"));
    }

    @Test
    void everythingElseIs403() {
        for (Object[] c : new Object[][] {{TokenKind.IDPORTEN, "idporten-loa-low"}, {TokenKind.IDPORTEN, "nlsso-loa-low"},
                {TokenKind.PATRON, "nlsso-loa-high"}, {TokenKind.PATRON, "idporten-loa-high"},
                {TokenKind.MASKINPORTEN, "idporten-loa-high"}, {null, null}, {TokenKind.IDPORTEN, null}}) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> SelfViewPolicy.decide((TokenKind) c[0], (String) c[1]));
            assertEquals(403, e.problem().status());
        }
    }

    @Test
    void masking() {
        assertEquals("k***@example.no", Masking.email("kari.nordmann@example.no"));
        assertEquals("+47******67", Masking.phone("+4741234567"));
        assertNull(Masking.email(null));
        assertNull(Masking.phone(null));
    }

    @Test
    void fifteenthBirthday() {
        assertEquals(LocalDate.of(2026, 6, 10), Ages.birthday(LocalDate.of(2011, 6, 10), 15));
        assertEquals(LocalDate.of(2027, 3, 1), Ages.birthday(LocalDate.of(2012, 2, 29), 15));
        assertEquals(LocalDate.of(2028, 2, 29), Ages.birthday(LocalDate.of(2012, 2, 29), 16));
    }
}
