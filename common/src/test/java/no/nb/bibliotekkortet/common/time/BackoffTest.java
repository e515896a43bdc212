package no.nb.bibliotekkortet.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void doublesFromTheInitialWaitWithoutJitterAtTheMiddleDraw() {
        // random 0.5 → factor 1.0
        assertEquals(Duration.ofSeconds(1), backoff.after(1, 0.5));
        assertEquals(Duration.ofSeconds(2), backoff.after(2, 0.5));
        assertEquals(Duration.ofSeconds(4), backoff.after(3, 0.5));
        assertEquals(Duration.ofSeconds(256), backoff.after(9, 0.5));
    }

    @Test
    void isCappedAtTheMaximumEvenForHugeAttemptCounts() {
        assertEquals(Duration.ofMinutes(5), backoff.after(10, 0.5));
        assertEquals(Duration.ofMinutes(5), backoff.after(Integer.MAX_VALUE, 0.5));
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        assertEquals(Duration.ofMillis(800), backoff.after(1, 0.0));
        assertTrue(backoff.after(1, 0.999_999).toMillis() < 1200);
        for (int i = 0; i < 1000; i++) {
            long ms = backoff.after(3).toMillis();
            assertTrue(ms >= 3200 && ms < 4800, "4 s ± 20 %: " + ms);
        }
    }

    @Test
    void neverLessThanOneMillisecond() {
        assertEquals(Duration.ofMillis(1), new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)).after(1, 0.0));
    }

    @Test
    void refusesAnInitialWaitThatIsNotPositiveOrAMaximumBelowIt() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
