package no.nb.bibliotekkortet.patron.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** DOMAIN.md "Ages": whole years on the Europe/Oslo date; 29 February → 1 March in non-leap years. */
class AgesTest {

    @Test
    void wholeYearsOnTheBirthday() {
        LocalDate born = LocalDate.of(2010, 6, 15);
        assertEquals(14, Ages.yearsOn(born, LocalDate.of(2025, 6, 14)));
        assertEquals(15, Ages.yearsOn(born, LocalDate.of(2025, 6, 15)));
    }

    @Test
    void osloDateNotUtcDate() {
        LocalDate born = LocalDate.of(2010, 6, 15);
        // 22:30 UTC on 14 June is 00:30 on 15 June in Oslo (summer time, UTC+2).
        Instant lateUtc = Instant.parse("2025-06-14T22:30:00Z");
        assertEquals(15, Ages.yearsAt(born, lateUtc));
        assertTrue(Ages.hasReached(born, 15, lateUtc));
        assertFalse(Ages.hasReached(born, 15, Instant.parse("2025-06-14T21:59:59Z")));
    }

    @Test
    void leapDayBirthdayComesOnFirstOfMarchInNonLeapYears() {
        LocalDate born = LocalDate.of(2008, 2, 29);
        assertEquals(14, Ages.yearsOn(born, LocalDate.of(2023, 2, 28)));
        assertEquals(15, Ages.yearsOn(born, LocalDate.of(2023, 3, 1)));
        assertEquals(16, Ages.yearsOn(born, LocalDate.of(2024, 2, 29)), "leap year: on the day");
        assertFalse(Ages.hasReached(born, 15, Instant.parse("2023-02-28T12:00:00Z")));
        assertTrue(Ages.hasReached(born, 15, Instant.parse("2023-02-28T23:30:00Z")), "already 1 March in Oslo");
    }

    @Test
    void beforeBirth() {
        LocalDate born = LocalDate.of(2020, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> Ages.yearsOn(born, LocalDate.of(2019, 12, 31)));
        assertFalse(Ages.hasReached(born, 0, Instant.parse("2019-12-30T00:00:00Z")));
    }
}
