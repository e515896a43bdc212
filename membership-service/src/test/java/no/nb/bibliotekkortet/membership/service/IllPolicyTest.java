package no.nb.bibliotekkortet.membership.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import no.nb.bibliotekkortet.membership.service.IllPolicy.Decision;
import no.nb.bibliotekkortet.membership.service.IllPolicy.OrderedBy;
import org.junit.jupiter.api.Test;

/** R23 as a plain rule: the escalation sequence, the deadline, signed libraries and patron orders. */
class IllPolicyTest {

    private static final LocalDate DEADLINE = LocalDate.of(2024, 6, 1);
    private static final LocalDate AFTER = LocalDate.of(2024, 6, 2);

    @Test
    void staffOrdersWalkThroughRemindersFinalWarningThenRefusal() {
        DpaEscalation step = DpaEscalation.NONE;
        DpaEscalation[] expected = {DpaEscalation.REMINDER_1, DpaEscalation.REMINDER_2, DpaEscalation.FINAL_WARNING};
        for (DpaEscalation e : expected) {
            Decision d = IllPolicy.decide(OrderedBy.STAFF, false, step, AFTER, DEADLINE);
            assertTrue(d.allowed());
            assertTrue(d.stepped());
            assertEquals(e, d.step());
            step = d.step();
        }
        Decision blocked = IllPolicy.decide(OrderedBy.STAFF, false, step, AFTER, DEADLINE);
        assertFalse(blocked.allowed());
        assertTrue(blocked.stepped(), "the block itself is announced once");
        Decision again = IllPolicy.decide(OrderedBy.STAFF, false, DpaEscalation.BLOCKED, AFTER, DEADLINE);
        assertFalse(again.allowed());
        assertFalse(again.stepped());
    }

    @Test
    void patronOrdersAreNeverRefused() {
        for (DpaEscalation step : DpaEscalation.values()) {
            Decision d = IllPolicy.decide(OrderedBy.PATRON, false, step, AFTER, DEADLINE);
            assertTrue(d.allowed());
            assertFalse(d.stepped());
            assertEquals(step, d.step());
        }
    }

    @Test
    void onOrBeforeTheDeadlineNothingHappens() {
        assertFalse(IllPolicy.decide(OrderedBy.STAFF, false, DpaEscalation.NONE, DEADLINE, DEADLINE).stepped());
        assertTrue(IllPolicy.decide(OrderedBy.STAFF, false, DpaEscalation.NONE, DEADLINE.minusDays(30), DEADLINE).allowed());
    }

    @Test
    void signedLibrariesAreAlwaysAllowed() {
        Decision d = IllPolicy.decide(OrderedBy.STAFF, true, DpaEscalation.NONE, AFTER, DEADLINE);
        assertTrue(d.allowed());
        assertFalse(d.stepped());
    }
}
