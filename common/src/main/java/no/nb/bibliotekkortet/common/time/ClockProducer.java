package no.nb.bibliotekkortet.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The clock every service reads time from (UTC instants; convert to Europe/Oslo dates where a rule says
 * "date"). Tests replace it with their own {@code Clock} bean to move time without waiting.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
