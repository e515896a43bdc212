package no.nb.bibliotekkortet.patron.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** R21's date arithmetic as plain code: the worked example, month ends and 29 February. */
class InactivityRulesTest {

    private final InactivityRules rules = new InactivityRules(Period.ofYears(3), Period.ofDays(30));

    @Test
    void theWorkedExample() {
        assertEquals(LocalDate.of(2025, 1, 30), rules.warningDue(LocalDate.of(2022, 3, 1)));
        assertEquals(LocalDate.of(2025, 3, 1), rules.deletionDate(LocalDate.of(2025, 1, 30)));
        assertEquals(LocalDate.of(2025, 3, 17), rules.deletionDate(LocalDate.of(2025, 2, 15)));
    }

    @Test
    void theLatestDueDateIsTheExactInverse() {
        for (LocalDate today = LocalDate.of(2024, 1, 1); today.isBefore(LocalDate.of(2029, 1, 1)); today = today.plusDays(1)) {
            LocalDate latest = rules.latestDueLastActivity(today);
            assertFalse(rules.warningDue(latest).isAfter(today), "due on " + today);
            assertTrue(rules.warningDue(latest.plusDays(1)).isAfter(today), "next day not yet due on " + today);
        }
    }

    @Test
    void aLeapDayLastActivity() {
        assertEquals(LocalDate.of(2027, 1, 29), rules.warningDue(LocalDate.of(2024, 2, 29)));
        assertEquals(LocalDate.of(2022, 3, 1), rules.latestDueLastActivity(LocalDate.of(2025, 1, 30)));
    }
}
