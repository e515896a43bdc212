package no.nb.bibliotekkortet.numberseries.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.numberseries.config.NumberSeriesConfig;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.numberseries.domain.NumberRange;
import no.nb.bibliotekkortet.numberseries.domain.NumberSpace;
import no.nb.bibliotekkortet.numberseries.repository.AuditEvent;
import no.nb.bibliotekkortet.numberseries.repository.Series;
import no.nb.bibliotekkortet.numberseries.repository.SeriesRepository;

/** Reserving, importing and listing card-number series (R12). */
@ApplicationScoped
public class SeriesService {

    /** Largest series one order may reserve. */
    public static final int MAX_ORDER = 100_000;

    /** One series to import: owner library, range and the date it was reserved in the old register. */
    public record ImportItem(String libraryNumber, NumberRange range, Instant reservedAt) {
    }

    /** The outcome for one import item: the series in the register, and whether this import created it. */
    public record ImportOutcome(Series series, boolean created) {
    }

    /** One order waiting to be written. */
    private record Order(String libraryNumber, long count, Actor actor, Instant at) {
    }

    private final SeriesRepository series;
    private final AuditLog audit;
    private final Clock clock;
    private final NumberSeriesMetrics metrics;
    private final GroupCommit<Order, Series> orders;

    public SeriesService(SeriesRepository series, AuditLog audit, Clock clock, NumberSeriesMetrics metrics,
                         NumberSeriesConfig config) {
        this.metrics = metrics;
        this.series = series;
        this.audit = audit;
        this.clock = clock;
        this.orders = new GroupCommit<>(this::write, config.maxWriteBatch());
    }

    /**
     * Reserves {@code count} consecutive card numbers for a library, directly above every number
     * reserved so far (ordered, imported or digital). Concurrent orders are written together in batches
     * ({@link GroupCommit}): one transaction takes the reservation lock (a PostgreSQL advisory lock, shared
     * with imports and digital growth), reads the highest reserved number once, gives each order of the batch
     * the next range in turn and writes all series and their audit records in one statement. The exclusion
     * constraint {@code series_no_overlap} is the last line of defence.
     *
     * @param libraryNumber 7-digit library number that will own the series
     * @param count         1..{@value #MAX_ORDER}
     * @param actor         who orders (audit)
     * @return the new series
     * @throws ProblemException 422 when count is out of range; 409 when the number space cannot hold it
     *                          (the detail says how many numbers remain)
     */
    public Series order(String libraryNumber, long count, Actor actor) {
        if (count < 1 || count > MAX_ORDER) {
            metrics.order("out_of_range");
            throw ProblemException.unprocessable("count-out-of-range", "Count out of range",
                    "count must be between 1 and " + MAX_ORDER, "count", "1.." + MAX_ORDER);
        }
        try {
            Series s = orders.submit(new Order(libraryNumber, count, actor, Instant.now(clock)));
            metrics.order("ordered");
            return s;
        } catch (ProblemException e) {
            if (e.problem().status() == 409) {
                metrics.order("exhausted");
            }
            throw e;
        }
    }

    /**
     * Writes a batch of orders in one transaction, in arrival order, each taking the range above the previous
     * one; an order the remaining space cannot hold fails alone (409), as it would have on its own.
     */
    private void write(List<GroupCommit.Item<Order, Series>> batch) {
        Map<GroupCommit.Item<Order, Series>, Object> outcomes = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            outcomes.clear();
            series.lockForReservation();
            long highest = series.highestReserved();
            List<Series> created = new ArrayList<>();
            List<Order> placed = new ArrayList<>();
            for (var item : batch) {
                Order order = item.value();
                try {
                    NumberRange range = NumberSpace.nextRange(highest, order.count());
                    highest = range.last();
                    Series s = new Series();
                    s.libraryNumber = order.libraryNumber();
                    s.kind = Series.Kind.LIBRARY;
                    s.origin = Series.Origin.ORDER;
                    s.firstNumber = range.first();
                    s.lastNumber = range.last();
                    s.reservedAt = order.at();
                    s.reservedBy = order.actor().name();
                    created.add(s);
                    placed.add(order);
                    outcomes.put(item, s);
                } catch (NumberSpace.ExhaustedException e) {
                    outcomes.put(item, exhausted(e.remaining()));
                }
            }
            if (created.isEmpty()) {
                return;
            }
            Map<Long, Long> ids = series.insertOrders(
                    placed.stream().map(Order::libraryNumber).toArray(String[]::new),
                    created.stream().map(s -> s.firstNumber).toArray(Long[]::new),
                    created.stream().map(s -> s.lastNumber).toArray(Long[]::new),
                    placed.stream().map(Order::at).toArray(Instant[]::new),
                    placed.stream().map(o -> o.actor().name()).toArray(String[]::new),
                    placed.stream().map(o -> o.actor().kind()).toArray(String[]::new));
            created.forEach(s -> s.id = ids.get(s.firstNumber));
        });
        for (var item : batch) {
            if (outcomes.get(item) instanceof Series s) {
                item.complete(s);
            } else {
                item.fail((ProblemException) outcomes.get(item));
            }
        }
    }

    /**
     * The range of {@code count} numbers above the highest reserved one; the caller holds the
     * reservation lock.
     *
     * @throws ProblemException 409 {@code number-space-exhausted} naming how many numbers remain
     */
    NumberRange nextRange(long count) {
        try {
            return NumberSpace.nextRange(series.highestReserved(), count);
        } catch (NumberSpace.ExhaustedException e) {
            throw exhausted(e.remaining());
        }
    }

    static ProblemException exhausted(long remaining) {
        return ProblemException.conflict("number-space-exhausted", "The card number space is exhausted",
                "Only " + remaining + " card numbers remain below N999999999; order at most " + remaining);
    }

    /**
     * Imports series that exist in the old register (admin). Idempotent: a series identical in library
     * and range to one already present is left as it is. All or nothing: any overlap with a different
     * series (present, or earlier in the same import) refuses the whole import, naming the conflicting
     * range. New orders then start above the highest imported number.
     *
     * @param items series to import, in order
     * @param actor the admin (audit)
     * @return one outcome per item, in the same order
     * @throws ProblemException 409 {@code series-overlap} naming both ranges and the owner
     */
    @Transactional
    public List<ImportOutcome> importSeries(List<ImportItem> items, Actor actor) {
        series.lockForReservation();
        Instant now = Instant.now(clock);
        List<ImportOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ImportItem item = items.get(i);
            List<Series> overlapping = series.overlapping(item.range().first(), item.range().last());
            if (overlapping.size() == 1 && same(overlapping.get(0), item)) {
                outcomes.add(new ImportOutcome(overlapping.get(0), false));
                continue;
            }
            if (!overlapping.isEmpty()) {
                Series other = overlapping.get(0);
                String owner = other.kind == Series.Kind.DIGITAL ? "the national digital series"
                        : "library " + other.libraryNumber;
                throw new ProblemException(Problem.of(409, "series-overlap",
                        "The series overlaps a reserved series",
                        "series[" + i + "] " + item.range() + " overlaps " + other.range() + " of " + owner,
                        "series[" + i + "]", "no overlap with reserved series"));
            }
            Series s = new Series();
            s.libraryNumber = item.libraryNumber();
            s.kind = Series.Kind.LIBRARY;
            s.origin = Series.Origin.IMPORT;
            s.firstNumber = item.range().first();
            s.lastNumber = item.range().last();
            s.reservedAt = item.reservedAt();
            s.reservedBy = actor.name();
            series.persist(s);
            series.flush();
            audit.record(AuditEvent.Action.IMPORT, item.range(), s.id, item.libraryNumber(), actor, null, now);
            outcomes.add(new ImportOutcome(s, true));
        }
        return outcomes;
    }

    private static boolean same(Series existing, ImportItem item) {
        return existing.kind == Series.Kind.LIBRARY && item.libraryNumber().equals(existing.libraryNumber)
                && existing.firstNumber == item.range().first() && existing.lastNumber == item.range().last();
    }

    /** One series (a library's or the national digital one) by its id; empty when none has it. */
    public java.util.Optional<Series> find(long seriesId) {
        return series.findByIdOptional(seriesId);
    }

    /** Series of one library, lowest numbers first. */
    public List<Series> forLibrary(String libraryNumber) {
        return series.forLibrary(libraryNumber);
    }

    /** Every series, library and digital (NB's back office). */
    public List<Series> all() {
        return series.all();
    }
}
