package no.nb.bibliotekkortet.notification.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;

/**
 * The service's notion of "now": the application's {@link Clock} bean when there is one (common's
 * ClockProducer, or a test's controllable clock), otherwise the UTC system clock.
 */
@ApplicationScoped
public class TimeSource {

    private final Instance<Clock> clocks;

    public TimeSource(Instance<Clock> clocks) {
        this.clocks = clocks;
    }

    /** The current instant (UTC). */
    public Instant now() {
        return clocks.isResolvable() ? clocks.get().instant() : Instant.now();
    }
}
