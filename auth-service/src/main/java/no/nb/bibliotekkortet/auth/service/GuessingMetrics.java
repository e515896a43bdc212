package no.nb.bibliotekkortet.auth.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * What the guessing budget refuses, for the operators (R18, R24; docs/security.md): every series exists from start
 * with zero, labels are bounded (no client id, card or address):
 * <ul>
 *   <li>{@code register_verification_rate_limited_total{limit="client|end-user", window="MINUTE|HOUR|DAY"}}: 429s;</li>
 *   <li>{@code register_lockouts_started_total{kind="timed|hard"}}: per-card locks started.</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class GuessingMetrics {

    private final Map<String, Counter> rateLimited = new HashMap<>();
    private final Map<String, Counter> locks = new HashMap<>();

    public GuessingMetrics(MeterRegistry registry) {
        for (String limit : new String[] {"client", "end-user"}) {
            for (GuessingBudget.Span span : GuessingBudget.Span.values()) {
                rateLimited.put(limit + "/" + span.name(), Counter.builder("register.verification.rate.limited")
                        .description("Verifications refused with 429 by the guessing budget")
                        .tag("limit", limit).tag("window", span.name()).register(registry));
            }
        }
        for (String kind : new String[] {"timed", "hard"}) {
            locks.put(kind, Counter.builder("register.lockouts.started")
                    .description("Per-card locks started after consecutive failures").tag("kind", kind).register(registry));
        }
    }

    /** One 429 of the guessing budget. */
    public void rateLimited(String limit, String window) {
        Counter c = rateLimited.get(limit + "/" + window);
        if (c != null) {
            c.increment();
        }
    }

    /** One lock started, timed or hard. */
    public void lockStarted(boolean hard) {
        locks.get(hard ? "hard" : "timed").increment();
    }
}
