package no.nb.bibliotekkortet.membership.support;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The service's clock in tests (replaces common's default): real time, or a fixed instant set by a test. */
@Singleton
public class TestClock extends Clock {

    private volatile Instant fixed;

    /** Freezes time at {@code instant}. */
    public void set(Instant instant) {
        fixed = instant;
    }

    /** Back to real time. */
    public void reset() {
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
        return f != null ? f : Instant.now();
    }
}
