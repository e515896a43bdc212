package no.nb.bibliotekkortet.common.time;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, the one retry schedule of the suite (outbox relay, webhook deliveries): before
 * attempt {@code n + 1} wait {@code initial × 2^(n−1)}, capped at {@code max}, then multiplied by a random factor in
 * [0.8, 1.2) (±20 % jitter, so that many failed senders do not retry in step). Never less than 1 ms.
 *
 * @param initial the wait after the first failed attempt (positive)
 * @param max     the longest wait before jitter (at least {@code initial})
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial == null || max == null || initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff: initial must be positive and max at least initial");
        }
    }

    /** The wait before the next attempt after {@code attempts} failed ones (≥ 1), with jitter. */
    public Duration after(int attempts) {
        return after(attempts, ThreadLocalRandom.current().nextDouble());
    }

    /** As {@link #after(int)}, with the random draw {@code random} in [0, 1) given (for tests). */
    public Duration after(int attempts, double random) {
        long base = initial.toMillis() << Math.min(Math.max(attempts, 1) - 1, 30);
        long capped = Math.min(base <= 0 ? Long.MAX_VALUE : base, max.toMillis());
        double jitter = 0.8 + random * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (capped * jitter)));
    }
}
