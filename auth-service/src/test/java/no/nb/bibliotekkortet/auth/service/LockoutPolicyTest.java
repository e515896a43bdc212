package no.nb.bibliotekkortet.auth.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import no.nb.bibliotekkortet.auth.domain.LockoutPolicy;
import org.junit.jupiter.api.Test;

/** The lockout rule of issue 6 without HTTP: 5 → 15 min, doubling, hard lock after 3 timed locks. */
class LockoutPolicyTest {

    private final LockoutPolicy policy = new LockoutPolicy(5, Duration.ofMinutes(15), 3);
    private final Instant t0 = Instant.parse("2025-01-01T10:00:00Z");

    private LockoutPolicy.State fail(LockoutPolicy.State s, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            s = policy.afterFailure(s, at);
        }
        return s;
    }

    @Test
    void fiveFailuresLockForFifteenMinutes() {
        LockoutPolicy.State s = fail(LockoutPolicy.State.CLEAN, 4, t0);
        assertFalse(s.lockedAt(t0));
        s = policy.afterFailure(s, t0);
        assertTrue(s.lockedAt(t0.plus(Duration.ofMinutes(14))));
        assertFalse(s.lockedAt(t0.plus(Duration.ofMinutes(15))));
    }

    @Test
    void locksDoubleThenBecomeHard() {
        LockoutPolicy.State s = fail(LockoutPolicy.State.CLEAN, 5, t0);
        assertEquals(t0.plus(Duration.ofMinutes(15)), s.lockedUntil());
        Instant t1 = t0.plus(Duration.ofMinutes(16));
        s = fail(s, 5, t1);
        assertEquals(t1.plus(Duration.ofMinutes(30)), s.lockedUntil());
        Instant t2 = t1.plus(Duration.ofMinutes(31));
        s = fail(s, 5, t2);
        assertEquals(t2.plus(Duration.ofMinutes(60)), s.lockedUntil());
        Instant t3 = t2.plus(Duration.ofMinutes(61));
        s = fail(s, 5, t3);
        assertTrue(s.hardLocked());
        assertTrue(s.lockedAt(t3.plus(Duration.ofDays(365))));
    }

    @Test
    void successResetsCountAndLocks() {
        LockoutPolicy.State s = fail(LockoutPolicy.State.CLEAN, 2, t0);
        s = policy.afterSuccess();
        s = fail(s, 3, t0);
        assertFalse(s.lockedAt(t0));
        assertEquals(3, s.consecutiveFailures());
    }
}
