package no.nb.bibliotekkortet.patron.population;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers;
import no.nb.bibliotekkortet.patron.lifecycle.PatronErasure;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.repository.PatronRepository;
import no.nb.bibliotekkortet.patron.repository.PopulationRepository;
import no.nb.bibliotekkortet.patron.service.IdentityVault;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Follows the population register's event feed and keeps patrons true (R5, R6). One {@link #poll} does, in order:
 * <ol>
 *   <li><b>feed</b>: reads pages from the stored cursor ({@code population_feed_cursor.next_sequence}); looks the
 *       page's persons up in one bulk call outside any transaction (only patrons, and the persons of identity-number
 *       events: {@link #worthLookingUp}); then each event in <b>its own transaction</b>
 *       that locks the cursor row, skips the event if the cursor is already past it, applies the person's current
 *       state ({@link PopulationSync}) to every patron holding any of the person's numbers, and moves the cursor
 *       past the event. So delivery is at least once, the cursor never skips an event, a crash mid-page loses
 *       at most the open event's transaction and the next poll resumes there, and replays change nothing (the
 *       effect is the register's current state, which a second application leaves as it is; records are written
 *       only for real changes). The event type is not trusted for the effect: the person is always read again,
 *       as the register's documentation advises. Two patrons holding numbers of one person (e.g. a D-number and a
 *       fødselsnummer registered apart) are recorded in {@code population_merge_candidate} for the existing admin
 *       merge, counted in {@code population_register_merge_candidates_total} and logged with patron ids only
 *       (operators are alerted); both still get the register's protection, name and status;</li>
 *   <li><b>reconciliation</b>: patrons registered while the register was down ({@code UNVERIFIED}) are looked up
 *       again and brought in line;</li>
 *   <li><b>deaths</b>: DECEASED patrons whose grace period ({@code register.population.deceased-grace}) has passed
 *       are deleted through the existing erasure path ({@link PatronErasure}, cause DECEASED, no notice).</li>
 * </ol>
 * The register being down ends the poll early; the next one continues. Nothing from the register is logged.
 * Metrics: {@code population_feed_lag_events}, {@code population_feed_seconds_since_last_poll},
 * {@code population_feed_last_event_age_seconds}, {@code population_feed_events_total},
 * {@code population_register_unverified_patrons}.
 */
@ApplicationScoped
public class FeedFollower {

    private static final Logger LOG = Logger.getLogger(FeedFollower.class);

    /** The event types counted by name in the metric (others count as {@code other}: no unbounded labels). */
    static final Set<String> KNOWN_TYPES = Set.of("flyttingInnenKommune", "flyttingTilAnnenKommune", "endringINavn",
            "endringIAdressebeskyttelse", "endringIIdentifikasjonsnummer", "doedsfall", "utflyttingFraNorge",
            "innflyttingTilNorge", "endringIStatus");

    /** What one poll did. */
    public record Outcome(int events, int patronsChanged, int reconciled, int deceasedErased, boolean registerAvailable) {
    }

    /** The cursor as the admin endpoint shows it. */
    public record Cursor(long nextSequence, Instant lastEventAt, Instant lastProcessedAt, Instant lastPollAt,
                         Long registerLatest) {
        /** Events the register has that are not processed yet (null when the register's latest is unknown). */
        public Long lag() {
            return registerLatest == null ? null : Math.max(0, registerLatest - (nextSequence - 1));
        }
    }

    private final PopulationConfig config;
    private final PopulationRegister register;
    private final PopulationSync sync;
    private final IdentityVault vault;
    private final IdentityNumbers identityNumbers;
    private final PatronErasure erasure;
    private final PopulationRepository feedRows;
    private final PatronRepository patrons;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final AtomicReference<Cursor> last = new AtomicReference<>();
    private volatile long unverified;

    public FeedFollower(PopulationConfig config, PopulationRegister register, PopulationSync sync, IdentityVault vault,
                        IdentityNumbers identityNumbers, PatronErasure erasure, PopulationRepository feedRows,
                        PatronRepository patrons, Clock clock,
                        MeterRegistry metrics) {
        this.config = config;
        this.register = register;
        this.sync = sync;
        this.vault = vault;
        this.identityNumbers = identityNumbers;
        this.erasure = erasure;
        this.feedRows = feedRows;
        this.patrons = patrons;
        this.clock = clock;
        this.metrics = metrics;
        Gauge.builder("population.feed.lag.events", last, c -> c.get() == null || c.get().lag() == null ? Double.NaN : c.get().lag())
                .description("Events of the population register not processed yet").register(metrics);
        Gauge.builder("population.feed.seconds.since.last.poll", last, c -> c.get() == null || c.get().lastPollAt() == null
                        ? Double.NaN : secondsSince(c.get().lastPollAt()))
                .description("Seconds since the feed was last read successfully (alert when it stops)").register(metrics);
        Gauge.builder("population.feed.last.event.age.seconds", last, c -> c.get() == null || c.get().lastEventAt() == null
                        ? Double.NaN : secondsSince(c.get().lastEventAt()))
                .description("Age of the last processed event (register time)").register(metrics);
        Gauge.builder("population.register.unverified.patrons", this, f -> f.unverified)
                .description("Patrons registered while the population register did not answer, not yet reconciled")
                .register(metrics);
    }

    /**
     * One poll: feed, reconciliation, deletions after death (see the class comment). Safe to run on several
     * replicas at once (the cursor row and patron rows are locked).
     *
     * @return what was done; {@code registerAvailable} false when the register failed during the poll
     */
    public Outcome poll() {
        if (!config.enabled()) {
            return new Outcome(0, 0, 0, 0, true);
        }
        int events = 0;
        int changed = 0;
        int reconciled = 0;
        boolean available = true;
        try {
            for (int page = 0; page < config.maxPagesPerPoll(); page++) {
                long next = cursor().nextSequence();
                List<PopulationRegister.Event> batch = register.feed(next, config.pageSize());
                if (batch.isEmpty()) {
                    break;
                }
                Map<String, PopulationPerson> persons = register.lookup(worthLookingUp(batch));
                for (PopulationRegister.Event event : batch) {
                    changed += QuarkusTransaction.requiringNew().call(() -> applyEvent(event, persons.get(event.identityNumber())));
                    events++;
                }
                if (batch.size() < config.pageSize()) {
                    break;
                }
            }
            Long latest = null;
            try {
                latest = register.latest();
            } catch (PopulationRegister.Unavailable e) {
                // the lag stays unknown until the next poll
            }
            Long registerLatest = latest;
            QuarkusTransaction.requiringNew().run(() -> feedRows.polled(Instant.now(clock), registerLatest));
            reconciled = reconcile();
        } catch (PopulationRegister.Unavailable | CircuitBreakerOpenException e) {
            available = false;
            LOG.warnf("Population register unavailable; the feed resumes at the next poll (%s)", e.getClass().getSimpleName());
        }
        int erased = eraseDeceased();
        last.set(cursor());
        unverified = QuarkusTransaction.requiringNew().call(feedRows::unverifiedCount);
        return new Outcome(events, changed, reconciled, erased, available);
    }

    /** The stored cursor. */
    public Cursor cursor() {
        PopulationRepository.FeedCursor c = QuarkusTransaction.requiringNew().call(feedRows::cursor);
        return new Cursor(c.nextSequence(), c.lastEventAt(), c.lastProcessedAt(), c.lastPollAt(), c.registerLatest());
    }

    /**
     * Sets the cursor so that the next poll re-reads from {@code sequence} (admin; replays are harmless).
     *
     * @param sequence ≥ 1
     */
    public Cursor rewind(long sequence) {
        QuarkusTransaction.requiringNew().run(() -> feedRows.rewind(sequence));
        Cursor c = cursor();
        last.set(c);
        return c;
    }

    /** Merge candidates found so far: pairs of patron ids the register says are one person, oldest first. */
    public List<Map<String, Object>> mergeCandidates() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (PopulationRepository.MergeCandidate c : feedRows.mergeCandidates()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("patronId", c.patronId().toString());
                m.put("otherPatronId", c.otherPatronId().toString());
                m.put("detectedAt", c.detectedAt());
                out.add(m);
            }
            return out;
        });
    }

    /**
     * The identity numbers of a page to look up: only persons who are patrons here (their number's keyed hash is
     * stored), and every person of an identity-number event (their patron may hold an earlier number). The
     * register is never asked about anyone else (data minimisation).
     */
    Set<String> worthLookingUp(List<PopulationRegister.Event> batch) {
        Set<String> numbers = new LinkedHashSet<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (PopulationRegister.Event e : batch) {
                String n = e.identityNumber();
                if (!n.matches("\\d{11}") || numbers.contains(n)) {
                    continue;
                }
                if (config.identityEventTypes().contains(e.type()) || feedRows.isPatron(vault.hash(n))) {
                    numbers.add(n);
                }
            }
        });
        return numbers;
    }

    /** One event, inside its transaction: returns the number of patrons changed. */
    int applyEvent(PopulationRegister.Event event, PopulationPerson person) {
        long next = feedRows.lockNextSequence();
        if (event.sequence() < next) {
            return 0;
        }
        Instant now = Instant.now(clock);
        int changed = person == null ? 0 : applyPerson(person, now);
        feedRows.advance(event.sequence() + 1, event.recordedAt(), now);
        metrics.counter("population_feed_events_total", "type", KNOWN_TYPES.contains(event.type()) ? event.type() : "other").increment();
        return changed;
    }

    /** Applies the person to every patron holding one of their numbers (inside the caller's transaction). */
    int applyPerson(PopulationPerson person, Instant now) {
        Map<UUID, Patron> holders = new LinkedHashMap<>();
        Patron currentHolder = null;
        for (String number : person.identityNumbers()) {
            List<Patron> found = patrons.lockLivingByIdentityHash(vault.hash(number));
            for (Patron p : found) {
                holders.putIfAbsent(p.id, p);
                if (number.equals(person.currentIdentityNumber())) {
                    currentHolder = p;
                }
            }
        }
        if (holders.isEmpty()) {
            return 0;
        }
        Patron primary = currentHolder != null ? currentHolder : holders.values().iterator().next();
        IdentityNumbers.Result current = identityNumbers.check(person.currentIdentityNumber());
        String kind = current.accepted() ? current.parsed().kind().name() : null;
        int changed = 0;
        for (Patron p : holders.values()) {
            boolean updateIdentity = p == primary && kind != null;
            if (!sync.apply(p, person, updateIdentity ? kind : null, now).isEmpty()) {
                changed++;
            }
            if (p != primary) {
                if (feedRows.flagMergeCandidate(primary.id, p.id, now)) {
                    metrics.counter("population_register_merge_candidates_total").increment();
                    LOG.warnf("Patrons %s and %s are one person in the population register: flagged for merge "
                            + "(GET /api/v1/admin/population-register/feed, POST /api/v1/admin/patrons/{a}/merge)", primary.id, p.id);
                }
            }
        }
        return changed;
    }

    /** Looks up UNVERIFIED patrons again, a batch at a time; returns how many got the register's answer. */
    int reconcile() {
        int done = 0;
        for (int round = 0; round < 10; round++) {
            Map<String, UUID> byNumber = new HashMap<>();
            QuarkusTransaction.requiringNew().run(() -> {
                for (PopulationRepository.Unverified u : feedRows.unverified(config.batchSize())) {
                    byNumber.put(vault.open(new IdentityVault.Sealed(u.identityKeyId(), u.identityCipher())), u.patronId());
                }
            });
            if (byNumber.isEmpty()) {
                break;
            }
            Map<String, PopulationPerson> persons = register.lookup(byNumber.keySet());
            for (Map.Entry<String, UUID> e : byNumber.entrySet()) {
                PopulationPerson person = persons.get(e.getKey());
                QuarkusTransaction.requiringNew().run(() -> {
                    Patron p = patrons.lock(e.getValue());
                    if (p == null || p.populationCheck != Patron.PopulationCheck.UNVERIFIED) {
                        return;
                    }
                    Instant now = Instant.now(clock);
                    if (person == null) {
                        p.populationCheck = Patron.PopulationCheck.NOT_FOUND;
                        p.populationCheckedAt = now;
                    } else {
                        applyPerson(person, now);
                    }
                });
                done++;
            }
            if (byNumber.size() < config.batchSize()) {
                break;
            }
        }
        return done;
    }

    /** Deletes DECEASED patrons whose grace period has passed, a batch per transaction; returns how many. */
    int eraseDeceased() {
        int erased = 0;
        while (true) {
            int n = QuarkusTransaction.requiringNew().call(() -> {
                Instant now = Instant.now(clock);
                List<UUID> ids = feedRows.lockDeceasedDue(now.minus(config.deceasedGrace()), config.batchSize());
                return erasure.erase(erasure.lock(ids, Patron.State.DECEASED), PatronErasure.Cause.DECEASED, "SYSTEM", null,
                        null, Map.of(), now).size();
            });
            erased += n;
            if (n < config.batchSize()) {
                return erased;
            }
        }
    }

    private double secondsSince(Instant t) {
        return (Instant.now(clock).toEpochMilli() - t.toEpochMilli()) / 1000.0;
    }

}
