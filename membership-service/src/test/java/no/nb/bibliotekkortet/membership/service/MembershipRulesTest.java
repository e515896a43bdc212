package no.nb.bibliotekkortet.membership.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import no.nb.bibliotekkortet.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** R8 and R10 as plain rules. */
class MembershipRulesTest {

    @Test
    void sameStateIsFineOtherStateConflicts() {
        assertDoesNotThrow(() -> MembershipRules.requireSameState(MembershipState.ACTIVE, MembershipState.ACTIVE));
        var e = assertThrows(ProblemException.class,
                () -> MembershipRules.requireSameState(MembershipState.ACTIVE, MembershipState.PENDING_ACTIVATION));
        assertEquals(409, e.problem().status());
    }

    @Test
    void digitalActivationNeedsDigitalLibraryAndCurrentRules() {
        assertDoesNotThrow(() -> MembershipRules.requireDigitalActivation(ActivationMode.DIGITAL, 2, 2));
        var inPerson = assertThrows(ProblemException.class,
                () -> MembershipRules.requireDigitalActivation(ActivationMode.IN_PERSON, 1, 1));
        assertTrue(inPerson.problem().type().endsWith("activation-in-person"));
        var stale = assertThrows(ProblemException.class,
                () -> MembershipRules.requireDigitalActivation(ActivationMode.DIGITAL, 2, 1));
        assertEquals(409, stale.problem().status());
        assertEquals("rulesVersion", stale.problem().field());
        assertTrue(stale.problem().detail().contains("2"));
    }

    @Test
    void homeLibraryMustBeActive() {
        assertDoesNotThrow(() -> MembershipRules.requireActiveForHome(MembershipState.ACTIVE));
        assertThrows(ProblemException.class, () -> MembershipRules.requireActiveForHome(MembershipState.PENDING_ACTIVATION));
    }

    @Test
    void securityLevelsMustBeKnownAndNonEmpty() {
        assertEquals(null, SecurityLevels.invalid(SecurityLevels.ALL));
        assertEquals("", SecurityLevels.invalid(java.util.List.of()));
        assertEquals("loa-x", SecurityLevels.invalid(java.util.List.of("nlsso-loa-low", "loa-x")));
    }
}
