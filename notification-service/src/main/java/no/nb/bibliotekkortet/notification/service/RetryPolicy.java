package no.nb.bibliotekkortet.notification.service;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for delivery retries, and the limit after which a notification is dead.
 *
 * <p>After attempt {@code n} (1-based) failed, the nominal delay is {@code initial × 2^(n-1)}, capped at
 * {@code max}; the actual delay is drawn uniformly from {@code [nominal × (1 - jitter), nominal]}, so that
 * many notifications failing together (SMTP down) do not all retry in the same instant.
 */
public final class RetryPolicy {

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final int maxAttempts;
    private final DoubleSupplier random;

    /**
     * @param initial     delay after the first failed attempt (positive)
     * @param max         upper bound of any delay (≥ initial)
     * @param jitter      fraction 0..1 of the nominal delay that is randomised away
     * @param maxAttempts attempts in total before a notification is dead (≥ 1)
     * @param random      source of uniform numbers in [0, 1)
     * @throws IllegalArgumentException for values outside these ranges
     */
    public RetryPolicy(Duration initial, Duration max, double jitter, int maxAttempts, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || jitter < 0 || jitter > 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("Invalid retry policy");
        }
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    /** True when a notification that has failed {@code attempts} times may be tried again. */
    public boolean mayRetry(int attempts) {
        return attempts < maxAttempts;
    }

    /** Attempts in total before a notification is dead. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Delay before the next attempt after attempt number {@code attempts} (1-based) failed.
     *
     * @return a duration in {@code [nominal × (1 - jitter), nominal]}, nominal = min(max, initial × 2^(attempts-1))
     */
    public Duration delayAfter(int attempts) {
        long nominal = nominalMillis(attempts);
        long spread = (long) (nominal * jitter * random.getAsDouble());
        return Duration.ofMillis(Math.max(1, nominal - spread));
    }

    /** The nominal (un-jittered) delay in milliseconds after attempt {@code attempts} failed. */
    public long nominalMillis(int attempts) {
        int exponent = Math.max(0, Math.min(attempts - 1, 40));
        double value = initial.toMillis() * Math.pow(2, exponent);
        return (long) Math.min(value, max.toMillis());
    }
}
