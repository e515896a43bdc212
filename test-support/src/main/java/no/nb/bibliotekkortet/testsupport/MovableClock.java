package no.nb.bibliotekkortet.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock for tests (UTC instants): real time, real time plus an offset ({@link #advance}), or a fixed
 * instant ({@link #set}) that {@link #advance} then moves. Each service's tests declare a one-line bean
 * {@code @Singleton class TestClock extends MovableClock {}} that replaces common's default Clock.
 * The outbox relay uses the database's clock, so moving this one never strands outbox rows.
 */
public class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant fixed;

    /** Moves time forward by {@code d} (from the fixed instant when one is set). */
    public void advance(Duration d) {
        Instant f = fixed;
        if (f != null) {
            fixed = f.plus(d);
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
        fixed = null;
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        MovableClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
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
        return f != null ? f : Instant.now().plus(offset);
    }
}
