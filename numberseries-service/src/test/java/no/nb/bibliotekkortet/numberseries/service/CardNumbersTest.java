package no.nb.bibliotekkortet.numberseries.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import no.nb.bibliotekkortet.numberseries.domain.CardNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The card number format: N + 9 digits, nothing else, never silently fixed. */
class CardNumbersTest {

    @Test
    void wellFormedNumbersParseAndFormat() {
        assertEquals(106188, CardNumbers.parse("N000106188"));
        assertEquals("N000106188", CardNumbers.format(106188));
        assertEquals("N999999999", CardNumbers.format(CardNumbers.MAX));
        assertNull(CardNumbers.violation("N000106188"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"n000106188", "N00010618", "N0001061889", "N00010618O", " N000106188", "N000106188 ",
            "", "000106188", "X000106188", "N-00106188"})
    void malformedNumbersAreRefusedWithAReason(String text) {
        assertFalse(CardNumbers.isWellFormed(text));
        assertNotNull(CardNumbers.violation(text));
        assertThrows(IllegalArgumentException.class, () -> CardNumbers.parse(text));
    }

    @Test
    void reasonsNameTheBrokenPart() {
        assertTrue(CardNumbers.violation("n000106188").contains("upper-case N"));
        assertTrue(CardNumbers.violation(" N000106188").contains("spaces"));
        assertTrue(CardNumbers.violation("N00010618").contains("9 digits"));
        assertTrue(CardNumbers.violation("N00010618O").contains("only digits"));
        assertTrue(CardNumbers.violation(null).contains("required"));
        assertTrue(CardNumbers.violation("N00010618O").contains(CardNumbers.RULE));
    }

    @Test
    void formatRefusesValuesOutsideTheSpace() {
        assertThrows(IllegalArgumentException.class, () -> CardNumbers.format(-1));
        assertThrows(IllegalArgumentException.class, () -> CardNumbers.format(1_000_000_000L));
    }
}
