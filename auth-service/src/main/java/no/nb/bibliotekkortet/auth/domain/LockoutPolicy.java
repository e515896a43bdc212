package no.nb.bibliotekkortet.auth.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The lockout rule (R17, R24): {@code maxFailures} consecutive failures lock the patron's cards for
 * {@code firstLock}; each further lock without a success in between doubles the time; after
 * {@code timedLocks} timed locks the next lock is a hard lock that only a staff reset (or, later, a new
 * PIN after an ID-porten login) lifts. A success resets the failure count and the lock count. While a
 * lock holds, every attempt — even with the correct secret — is refused and does not count.
 */
public final class LockoutPolicy {

    /** The stored state of one patron. {@code lockedUntil} is null when no timed lock was set. */
    public record State(int consecutiveFailures, int lockCount, Instant lockedUntil, boolean hardLocked) {
        /** A patron with no failures. */
        public static final State CLEAN = new State(0, 0, null, false);

        /** True when a hard lock or an unexpired timed lock holds at {@code now}. */
        public boolean lockedAt(Instant now) {
            return hardLocked || (lockedUntil != null && now.isBefore(lockedUntil));
        }
    }

    private final int maxFailures;
    private final Duration firstLock;
    private final int timedLocks;

    /**
     * @param maxFailures consecutive failures that lock (e.g. 5)
     * @param firstLock   duration of the first timed lock (e.g. 15 minutes); doubled for each further lock
     * @param timedLocks  timed locks before a hard lock (e.g. 3)
     */
    public LockoutPolicy(int maxFailures, Duration firstLock, int timedLocks) {
        if (maxFailures < 1 || timedLocks < 0 || firstLock.isNegative()) {
            throw new IllegalArgumentException("invalid lockout settings");
        }
        this.maxFailures = maxFailures;
        this.firstLock = firstLock;
        this.timedLocks = timedLocks;
    }

    /**
     * The state after a failed attempt at {@code now} (the caller has checked that no lock holds).
     *
     * @return the new state: failures + 1, and a new timed or hard lock when the count reaches the limit
     */
    public State afterFailure(State state, Instant now) {
        int failures = state.consecutiveFailures() + 1;
        if (failures < maxFailures) {
            return new State(failures, state.lockCount(), state.lockedUntil(), state.hardLocked());
        }
        int locks = state.lockCount() + 1;
        if (locks > timedLocks) {
            return new State(0, locks, null, true);
        }
        Duration duration = firstLock.multipliedBy(1L << (locks - 1));
        return new State(0, locks, now.plus(duration), false);
    }

    /** The state after a successful attempt: everything reset. */
    public State afterSuccess() {
        return State.CLEAN;
    }
}
