package no.nb.bibliotekkortet.numberseries.support;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests (replaces the {@code @DefaultBean} of ClockProducer): real UTC time
 * plus an offset that a test can move forward, so release windows pass without waiting.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Moves time forward by {@code d}. */
    public void advance(Duration d) {
        offset = offset.plus(d);
    }

    /** Back to real time. */
    public void reset() {
        offset = Duration.ZERO;
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
        return Instant.now().plus(offset);
    }
}
