package no.nb.bibliotekkortet.patron.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bulk activity (R21): up to {@link #MAX_EVENTS} events in one request, each judged on its own (no
 * all-or-nothing): ACCEPTED, UNKNOWN_CARD (no living patron holds the number), INVALID (malformed number,
 * missing kind/time, time in the future). A number retired while its account lives on (swap, lost, merge)
 * resolves to its account (R1); a number of a deleted patron resolves to nothing. One query resolves every
 * number, one statement moves each patron's last activity forward to the latest accepted time.
 */
@ApplicationScoped
public class BulkActivityService {

    /** Largest batch. */
    public static final int MAX_EVENTS = 1000;

    /** One event as sent: {cardNumber, kind, at}. */
    public record Event(String cardNumber, String kind, Instant at) {
    }

    /** The result of event {@code index}: ACCEPTED, UNKNOWN_CARD or INVALID (with the field and reason). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Result(int index, String cardNumber, String result, String field, String reason) {
    }

    /** Counts and per-event results in request order. */
    public record Outcome(int accepted, int unknown, int invalid, List<Result> results) {
    }

    private static final java.util.Set<String> KINDS = java.util.Set.of("LOAN", "ORDER", "EBOOK", "FILM", "LOGIN", "OTHER");

    private final EntityManager em;
    private final Clock clock;
    private final Duration maxFutureSkew;

    public BulkActivityService(EntityManager em, Clock clock,
                               @ConfigProperty(name = "register.activity.max-future-skew") Duration maxFutureSkew) {
        this.em = em;
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
    }

    /**
     * Records a batch.
     *
     * @throws ProblemException 400 when the body is not a list of 1..{@value #MAX_EVENTS} events
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public Outcome record(List<Event> events) {
        if (events == null || events.isEmpty() || events.size() > MAX_EVENTS) {
            throw ProblemException.badRequest(null, "1.." + MAX_EVENTS + " events", "Send between 1 and " + MAX_EVENTS + " events");
        }
        Instant latest = Instant.now(clock).plus(maxFutureSkew);
        List<String> numbers = new ArrayList<>();
        for (Event e : events) {
            if (e != null && e.cardNumber() != null && e.cardNumber().matches("N\\d{9}")) {
                numbers.add(e.cardNumber());
            }
        }
        Map<String, UUID> owners = new HashMap<>();
        if (!numbers.isEmpty()) {
            List<Object[]> rows = em.createNativeQuery("select c.card_number, c.patron_id from card c join patron p on p.id = c.patron_id "
                            + "where c.card_number = any(cast(?1 as varchar(10)[])) and c.state <> 'DELETED' and p.state = 'ACTIVE'")
                    .setParameter(1, "{" + String.join(",", numbers) + "}").getResultList();
            for (Object[] r : rows) {
                owners.put((String) r[0], (UUID) r[1]);
            }
        }
        List<Result> results = new ArrayList<>(events.size());
        Map<UUID, Instant> latestPerPatron = new LinkedHashMap<>();
        int accepted = 0;
        int unknown = 0;
        int invalid = 0;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            String problem = null;
            String field = null;
            if (e == null) {
                problem = "an object";
            } else if (e.cardNumber() == null || !e.cardNumber().matches("N\\d{9}")) {
                field = "cardNumber";
                problem = "N followed by 9 digits";
            } else if (e.kind() == null || !KINDS.contains(e.kind())) {
                field = "kind";
                problem = "one of " + String.join(", ", new java.util.TreeSet<>(KINDS));
            } else if (e.at() == null) {
                field = "at";
                problem = "required";
            } else if (e.at().isAfter(latest)) {
                field = "at";
                problem = "not in the future";
            }
            String number = e == null ? null : e.cardNumber();
            if (problem != null) {
                invalid++;
                results.add(new Result(i, number, "INVALID", "[" + i + "]" + (field == null ? "" : "." + field), problem));
                continue;
            }
            UUID owner = owners.get(number);
            if (owner == null) {
                unknown++;
                results.add(new Result(i, number, "UNKNOWN_CARD", null, null));
                continue;
            }
            accepted++;
            latestPerPatron.merge(owner, e.at(), (a, b) -> a.isAfter(b) ? a : b);
            results.add(new Result(i, number, "ACCEPTED", null, null));
        }
        if (!latestPerPatron.isEmpty()) {
            List<String> ids = new ArrayList<>();
            List<String> ats = new ArrayList<>();
            latestPerPatron.forEach((id, at) -> {
                ids.add(id.toString());
                ats.add(at.toString());
            });
            em.createNativeQuery("""
                            update patron p set last_activity_at = v.at
                            from (select unnest(cast(?1 as uuid[])) as id, unnest(cast(?2 as timestamptz[])) as at) v
                            where p.id = v.id and (p.last_activity_at is null or p.last_activity_at < v.at)""")
                    .setParameter(1, "{" + String.join(",", ids) + "}").setParameter(2, "{" + String.join(",", ats) + "}")
                    .executeUpdate();
        }
        return new Outcome(accepted, unknown, invalid, results);
    }
}
