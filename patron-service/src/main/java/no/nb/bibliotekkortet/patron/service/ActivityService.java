package no.nb.bibliotekkortet.patron.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.repository.PatronRepository;
import no.nb.bibliotekkortet.patron.service.Requests.InternalActivity;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Activity that keeps a patron in the register (R21): the last activity time only moves forward
 * ({@link PatronRepository#moveLastActivityForward}, one statement per request). Two ways in: internal reports
 * (all or nothing, {@link #record}) and a library system's batch where each event is judged on its own
 * ({@link #recordBatch}). A time may lie at most {@code register.activity.max-future-skew} in the future.
 */
@ApplicationScoped
public class ActivityService {

    /** Largest batch of {@link #recordBatch}. */
    public static final int MAX_EVENTS = 1000;

    /** One batch event as sent: {cardNumber, kind, at}. */
    public record Event(String cardNumber, String kind, Instant at) {
    }

    /** The result of event {@code index}: ACCEPTED, UNKNOWN_CARD or INVALID (with the field and reason). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int index, String cardNumber, String result, String field, String reason) {
    }

    /** Counts and per-event results in request order. */
    public record Outcome(int accepted, int unknown, int invalid, List<Result> results) {
    }

    private static final Set<String> KINDS = Set.of("LOAN", "ORDER", "EBOOK", "FILM", "LOGIN", "OTHER");
    private static final String CARD_NUMBER = "N\\d{9}";

    private final PatronRepository patrons;
    private final Clock clock;
    private final Duration maxFutureSkew;

    public ActivityService(PatronRepository patrons, Clock clock,
                           @ConfigProperty(name = "register.activity.max-future-skew") Duration maxFutureSkew) {
        this.patrons = patrons;
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
    }

    /**
     * Records a batch of activity reports, all or nothing.
     *
     * @param reports each with a card number or a patron id, a kind and a time (UTC instant)
     * @param indexed true for a batch: error fields are named {@code [i].field}
     * @throws ProblemException 400 for missing/malformed fields; 422 for a time too far in the future; 404 when a
     *                          card number or patron id is unknown
     */
    @Transactional
    public void record(List<InternalActivity> reports, boolean indexed) {
        record(reports, indexed, false);
    }

    /**
     * Records a batch of activity reports; with {@code skipUnknown} a card number or patron id that no ACTIVE patron
     * holds (erased, or no longer active, since the report was queued) is skipped instead of refusing the batch: the
     * form for auth-service's batches of many patrons' verifications (issue 20), where one erased patron must not
     * stop the others' activity. Malformed reports still refuse the whole batch.
     *
     * @return how many reports were skipped as unknown (0 without {@code skipUnknown})
     * @throws ProblemException as {@link #record(List, boolean)}, without the 404 when {@code skipUnknown}
     */
    @Transactional
    public int record(List<InternalActivity> reports, boolean indexed, boolean skipUnknown) {
        int skipped = 0;
        Instant latest = latestAllowed();
        Map<UUID, Instant> latestPerPatron = new LinkedHashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            InternalActivity r = reports.get(i);
            String prefix = indexed ? "[" + i + "]." : "";
            if (r == null) {
                throw ProblemException.badRequest(indexed ? "[" + i + "]" : null, "an object", "An activity report is an object");
            }
            if (r.kind() == null) {
                throw ProblemException.badRequest(prefix + "kind", "required", "The kind of activity is required");
            }
            if (r.at() == null) {
                throw ProblemException.badRequest(prefix + "at", "required", "The time of the activity is required");
            }
            if (r.at().isAfter(latest)) {
                throw ProblemException.unprocessable("activity-in-future", "Activity time in the future",
                        "The activity time lies in the future", prefix + "at", "not in the future");
            }
            if ((r.cardNumber() == null) == (r.patronId() == null)) {
                throw ProblemException.badRequest(prefix + "cardNumber", "exactly one of cardNumber, patronId",
                        "Give either a card number or a patron id");
            }
            Optional<UUID> id;
            if (r.cardNumber() != null) {
                PatronService.requireCardNumber(r.cardNumber(), prefix + "cardNumber");
                id = patrons.findByCardNumber(r.cardNumber()).filter(p -> p.state == Patron.State.ACTIVE).map(p -> p.id);
                if (id.isEmpty() && !skipUnknown) {
                    throw ProblemException.notFound("card-not-found",
                            "No patron holds the card number in " + (prefix.isEmpty() ? "cardNumber" : prefix + "cardNumber"));
                }
            } else {
                id = patrons.findByIdOptional(r.patronId()).filter(p -> p.state == Patron.State.ACTIVE).map(p -> p.id);
                if (id.isEmpty() && !skipUnknown) {
                    throw ProblemException.notFound("patron-not-found", "No patron with the id in " + prefix + "patronId");
                }
            }
            if (id.isEmpty()) {
                skipped++;
                continue;
            }
            latestPerPatron.merge(id.get(), r.at(), ActivityService::later);
        }
        patrons.moveLastActivityForward(latestPerPatron);
        return skipped;
    }

    /**
     * Records a library system's batch (R21): up to {@value #MAX_EVENTS} events, each judged on its own (no
     * all-or-nothing): ACCEPTED, UNKNOWN_CARD (no living patron holds the number), INVALID (malformed number,
     * missing kind/time, time in the future). A number retired while its account lives on (swap, lost, merge)
     * resolves to its account (R1); a number of a deleted patron resolves to nothing. One query resolves every
     * number.
     *
     * @throws ProblemException 400 when the body is not a list of 1..{@value #MAX_EVENTS} events
     */
    @Transactional
    public Outcome recordBatch(List<Event> events) {
        if (events == null || events.isEmpty() || events.size() > MAX_EVENTS) {
            throw ProblemException.badRequest(null, "1.." + MAX_EVENTS + " events", "Send between 1 and " + MAX_EVENTS + " events");
        }
        Instant latest = latestAllowed();
        List<String> numbers = new ArrayList<>();
        for (Event e : events) {
            if (e != null && e.cardNumber() != null && e.cardNumber().matches(CARD_NUMBER)) {
                numbers.add(e.cardNumber());
            }
        }
        Map<String, UUID> owners = patrons.ownersOfLivingCards(numbers);
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
            } else if (e.cardNumber() == null || !e.cardNumber().matches(CARD_NUMBER)) {
                field = "cardNumber";
                problem = "N followed by 9 digits";
            } else if (e.kind() == null || !KINDS.contains(e.kind())) {
                field = "kind";
                problem = "one of " + String.join(", ", new TreeSet<>(KINDS));
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
            latestPerPatron.merge(owner, e.at(), ActivityService::later);
            results.add(new Result(i, number, "ACCEPTED", null, null));
        }
        patrons.moveLastActivityForward(latestPerPatron);
        return new Outcome(accepted, unknown, invalid, results);
    }

    private Instant latestAllowed() {
        return Instant.now(clock).plus(maxFutureSkew);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
