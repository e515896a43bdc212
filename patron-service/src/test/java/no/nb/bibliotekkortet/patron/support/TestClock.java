package no.nb.bibliotekkortet.patron.support;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests (replaces common's default ClockProducer): real time, or a fixed instant set by a
 * test. The outbox relay uses the database's clock, so moving this one never strands outbox rows.
 */
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
        TestClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return self.withZone(z);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }
}
