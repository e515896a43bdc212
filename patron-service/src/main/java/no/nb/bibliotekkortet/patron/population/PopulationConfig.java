package no.nb.bibliotekkortet.patron.population;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the population register coupling (R5, R6), prefix {@code register.population}. The REST client's
 * URL, timeouts and the Maskinporten client ({@code quarkus.oidc-client.population-register.*}, scope from
 * configuration) are set in application.properties; the circuit breaker in {@link PopulationRegister}.
 */
@ConfigMapping(prefix = "register.population")
public interface PopulationConfig {

    /** False: registrations keep typed data ({@code NOT_CHECKED}) and the feed is not followed (module tests). */
    @WithDefault("true")
    boolean enabled();

    /** How often the feed is read ({@code off} disables the schedule; tests call the job themselves). */
    @WithDefault("60s")
    String pollInterval();

    /** Delay of the first poll after start. */
    @WithDefault("5s")
    String initialDelay();

    /** Events per feed page (the register serves at most 1000). */
    @WithDefault("1000")
    int pageSize();

    /** Pages read per poll at most, so one poll stays short after a long outage. */
    @WithDefault("20")
    int maxPagesPerPoll();

    /** How long a deceased patron stays (blocked) before the erasure deletes them. */
    @WithDefault("P30D")
    Duration deceasedGrace();

    /**
     * Event types after which a person is looked up even when no patron holds the event's number (a new identity
     * number: the patron holds the earlier one).
     */
    @WithDefault("endringIIdentifikasjonsnummer,nyttFoedselsnummer")
    java.util.Set<String> identityEventTypes();

    /** Patrons per batch for reconciliation of unverified registrations and for the deletions after death. */
    @WithDefault("100")
    int batchSize();
}
