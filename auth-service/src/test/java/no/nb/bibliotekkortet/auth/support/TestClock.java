package no.nb.bibliotekkortet.auth.support;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests (replaces common's {@code @DefaultBean} Clock): real time plus an offset that
 * tests move, or a fixed instant; {@link #reset()} returns to real time.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant fixed;

    /** Moves time forward by {@code d}. */
    public void advance(Duration d) {
        if (fixed != null) {
            fixed = fixed.plus(d);
        } else {
            offset = offset.plus(d);
        }
    }

    /** Stops time at {@code instant}. */
    public void set(Instant instant) {
        fixed = instant;
    }

    /** Back to real time. */
    public void reset() {
        offset = Duration.ZERO;
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now().plus(offset);
    }
}
