package no.nb.bibliotekkortet.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import no.nb.bibliotekkortet.notification.service.RetryPolicy;
import org.junit.jupiter.api.Test;

/** Exponential backoff with jitter, capped, and the attempt limit after which a notification is dead. */
class RetryPolicyTest {

    private static RetryPolicy policy(double random) {
        return new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(10), 0.5, 5, () -> random);
    }

    @Test
    void nominalDelayDoublesAndIsCapped() {
        RetryPolicy p = policy(0);
        assertEquals(30_000, p.nominalMillis(1));
        assertEquals(60_000, p.nominalMillis(2));
        assertEquals(120_000, p.nominalMillis(3));
        assertEquals(600_000, p.nominalMillis(6));
        assertEquals(600_000, p.nominalMillis(60));
    }

    @Test
    void jitterTakesAtMostTheConfiguredFractionAway() {
        assertEquals(Duration.ofSeconds(60), policy(0).delayAfter(2));
        Duration mostJitter = policy(0.999999999).delayAfter(2);
        assertTrue(mostJitter.compareTo(Duration.ofSeconds(30)) >= 0 && mostJitter.compareTo(Duration.ofSeconds(31)) < 0);
        Duration d = policy(0.5).delayAfter(2);
        assertEquals(Duration.ofSeconds(45), d);
    }

    @Test
    void retriesUntilTheLimit() {
        RetryPolicy p = policy(0);
        assertTrue(p.mayRetry(1));
        assertTrue(p.mayRetry(4));
        assertFalse(p.mayRetry(5));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 0.5, 3, () -> 0));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.5, 3, () -> 0));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5, 3, () -> 0));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0, () -> 0));
    }
}
