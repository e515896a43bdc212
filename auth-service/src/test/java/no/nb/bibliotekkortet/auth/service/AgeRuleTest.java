package no.nb.bibliotekkortet.auth.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** DOMAIN.md "Ages" and R18: has reached N on the Europe/Oslo date; 29 February → 1 March in non-leap years. */
class AgeRuleTest {

    @Test
    void reachesOnTheBirthdayNotTheDayBefore() {
        LocalDate born = LocalDate.of(2010, 6, 15);
        assertFalse(AgeRule.hasReached(born, 15, LocalDate.of(2025, 6, 14)));
        assertTrue(AgeRule.hasReached(born, 15, LocalDate.of(2025, 6, 15)));
        assertTrue(AgeRule.hasReached(born, 15, LocalDate.of(2030, 1, 1)));
    }

    @Test
    void leapDayBirthdayReachesOnFirstMarchInNonLeapYears() {
        LocalDate born = LocalDate.of(2008, 2, 29);
        assertFalse(AgeRule.hasReached(born, 15, LocalDate.of(2023, 2, 28)));
        assertTrue(AgeRule.hasReached(born, 15, LocalDate.of(2023, 3, 1)));
        assertEquals(LocalDate.of(2024, 2, 29), AgeRule.dateReaching(born, 16));
        assertFalse(AgeRule.hasReached(born, 16, LocalDate.of(2024, 2, 28)));
    }

    @Test
    void todayIsTheOsloDateNotTheUtcDate() {
        Clock lateUtc = Clock.fixed(Instant.parse("2025-02-28T23:30:00Z"), ZoneOffset.UTC);
        assertEquals(LocalDate.of(2025, 3, 1), AgeRule.today(lateUtc));
        Clock summer = Clock.fixed(Instant.parse("2025-06-14T22:30:00Z"), ZoneOffset.UTC);
        assertEquals(LocalDate.of(2025, 6, 15), AgeRule.today(summer));
    }

    @Test
    void negativeAgeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AgeRule.dateReaching(LocalDate.of(2000, 1, 1), -1));
    }
}
