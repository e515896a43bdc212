package no.nb.bibliotekkortet.numberseries.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import no.nb.bibliotekkortet.numberseries.domain.CardNumbers;
import no.nb.bibliotekkortet.numberseries.domain.NumberRange;
import no.nb.bibliotekkortet.numberseries.domain.NumberSpace;
import org.junit.jupiter.api.Test;

/** Where new series go, and when the space is exhausted (R12). */
class NumberSpaceTest {

    @Test
    void firstRangeStartsAtOne() {
        assertEquals(new NumberRange(1, 1000), NumberSpace.nextRange(0, 1000));
    }

    @Test
    void nextRangeStartsDirectlyAboveTheHighestReserved() {
        assertEquals(new NumberRange(5001, 5100), NumberSpace.nextRange(5000, 100));
    }

    @Test
    void theLastNumbersCanBeReservedExactly() {
        assertEquals(new NumberRange(999_999_990L, CardNumbers.MAX), NumberSpace.nextRange(999_999_989L, 10));
    }

    @Test
    void exhaustionSaysHowManyRemain() {
        var e = assertThrows(NumberSpace.ExhaustedException.class, () -> NumberSpace.nextRange(999_999_950L, 100));
        assertEquals(49, e.remaining());
        assertEquals(0, assertThrows(NumberSpace.ExhaustedException.class,
                () -> NumberSpace.nextRange(CardNumbers.MAX, 1)).remaining());
    }

    @Test
    void rangesKnowOverlapAndMembership() {
        NumberRange a = new NumberRange(10, 20);
        assertTrue(a.overlaps(new NumberRange(20, 30)));
        assertTrue(a.overlaps(new NumberRange(1, 10)));
        assertTrue(a.overlaps(new NumberRange(12, 13)));
        assertFalse(a.overlaps(new NumberRange(21, 30)));
        assertTrue(a.contains(10) && a.contains(20) && !a.contains(21));
        assertEquals(11, a.size());
        assertEquals("N000000010..N000000020", a.toString());
    }

    @Test
    void invalidRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NumberRange(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new NumberRange(6, 5));
        assertThrows(IllegalArgumentException.class, () -> new NumberRange(1, 1_000_000_000L));
    }
}
