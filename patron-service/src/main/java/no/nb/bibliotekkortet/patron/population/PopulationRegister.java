package no.nb.bibliotekkortet.patron.population;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The population register client as patron-service uses it (R5, R6): lookups of persons by identity number
 * (POST bodies only, only the parts the register needs) and the event feed by sequence number. Timeouts are the
 * REST client's ({@code quarkus.rest-client.population-register.*-timeout}); a circuit breaker keeps a register
 * that is down from slowing every registration (it then fails at once). Every failure becomes
 * {@link Unavailable}; nothing from the register is logged. Metric {@code population_register_calls_total{call,
 * outcome}}.
 */
@ApplicationScoped
public class PopulationRegister {

    /** The parts of a person document requested (data minimisation). */
    static final List<String> PARTS = List.of("identifikasjonsnummer", "navn", "foedsel", "status", "doedsfall",
            "bostedsadresse", "postadresse", "adressebeskyttelse");

    /** The register did not answer usefully (down, timeout, 5xx, 401/403, circuit open, malformed answer). */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** One event of the feed: sequence number, event type, the person's identity number, when the register recorded it. */
    public record Event(long sequence, String type, String identityNumber, Instant recordedAt) {
        @Override
        public String toString() {
            return "Event[" + sequence + ", " + type + "]";
        }
    }

    private final PopulationRegisterApi api;
    private final MeterRegistry metrics;

    public PopulationRegister(@RestClient PopulationRegisterApi api, MeterRegistry metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    /**
     * Looks up persons by identity number (any of a person's numbers, current or earlier, finds them).
     *
     * @param identityNumbers 11-digit numbers, at most 1000
     * @return number asked → the person; numbers the register does not know are absent
     * @throws Unavailable when the register does not answer usefully
     */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000)
    public Map<String, PopulationPerson> lookup(Collection<String> identityNumbers) {
        if (identityNumbers.isEmpty()) {
            return Map.of();
        }
        try {
            JsonNode answer = api.bulkLookup(PARTS, new PopulationRegisterApi.BulkLookup(List.copyOf(identityNumbers)));
            Map<String, PopulationPerson> found = new HashMap<>();
            for (JsonNode hit : answer.path("oppslag")) {
                PopulationPerson person = PopulationPerson.parse(hit.path("folkeregisterperson"));
                String asked = hit.path("foedselsEllerDNummer").asText("");
                if (person != null && identityNumbers.contains(asked)) {
                    found.put(asked, person);
                }
            }
            count("lookup", "ok");
            return found;
        } catch (WebApplicationException e) {
            count("lookup", "status-" + e.getResponse().getStatus() / 100 + "xx");
            throw new Unavailable("population register answered " + e.getResponse().getStatus(), null);
        } catch (ProcessingException | CircuitBreakerOpenException e) {
            count("lookup", "unreachable");
            throw new Unavailable("population register unreachable", null);
        }
    }

    /**
     * Reads a page of the event feed.
     *
     * @param from first sequence number wanted (≥ 1)
     * @param size page size (1..1000)
     * @return the events in order; empty at the end of the feed
     * @throws Unavailable when the register does not answer usefully
     */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000)
    public List<Event> feed(long from, int size) {
        try {
            JsonNode page = api.feed(from, size);
            List<Event> events = new ArrayList<>();
            for (JsonNode e : page) {
                JsonNode h = e.path("hendelse");
                long seq = e.path("sekvensnummer").asLong(-1);
                if (seq < from) {
                    throw new Unavailable("feed answered sequence numbers out of order", null);
                }
                events.add(new Event(seq, h.path("hendelsestype").asText(""), h.path("folkeregisteridentifikator").asText(""),
                        instant(h.path("ajourholdstidspunkt").asText(null))));
            }
            count("feed", "ok");
            return events;
        } catch (WebApplicationException e) {
            count("feed", "status-" + e.getResponse().getStatus() / 100 + "xx");
            throw new Unavailable("population register feed answered " + e.getResponse().getStatus(), null);
        } catch (ProcessingException | CircuitBreakerOpenException e) {
            count("feed", "unreachable");
            throw new Unavailable("population register feed unreachable", null);
        }
    }

    /**
     * The register's latest sequence number (for the lag metric).
     *
     * @throws Unavailable when the register does not answer usefully
     */
    public long latest() {
        try {
            return api.latest().path("sekvensnummer").asLong(0);
        } catch (WebApplicationException | ProcessingException e) {
            throw new Unavailable("population register latest sequence unavailable", null);
        }
    }

    private void count(String call, String outcome) {
        metrics.counter("population_register_calls_total", "call", call, "outcome", outcome).increment();
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
