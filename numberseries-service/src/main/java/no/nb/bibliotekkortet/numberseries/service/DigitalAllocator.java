package no.nb.bibliotekkortet.numberseries.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import no.nb.bibliotekkortet.numberseries.config.NumberSeriesConfig;
import no.nb.bibliotekkortet.numberseries.domain.NumberRange;
import no.nb.bibliotekkortet.numberseries.domain.NumberSpace;
import no.nb.bibliotekkortet.numberseries.repository.AuditEvent;
import no.nb.bibliotekkortet.numberseries.repository.DigitalAllocatorRepository;
import no.nb.bibliotekkortet.numberseries.repository.Series;
import no.nb.bibliotekkortet.numberseries.repository.SeriesRepository;

/**
 * Draws numbers of the national digital series (R9, R14) from a block reserved in advance. The k-th
 * allocation value of {@code digital_allocation_seq} is number {@code first + (k - seq_first)} of the
 * digital series whose block {@code seq_first..seq_last} in {@code digital_range} holds k. An instance
 * reserves {@code numberseries.digital-block-size} values in one statement and hands them out from memory;
 * the sequence never returns a value twice, to any instance, so two instances (or an instance and one of
 * the previous release, which draws single values from the same sequence) never draw the same number.
 * Values of a block left unfinished when an instance stops are skipped: their numbers stay FREE for good,
 * never given twice. The mapping of values onto ranges never changes once written and is kept in memory;
 * when a value lies above every mapped block the series grows (a new range above everything reserved,
 * under the reservation lock, audited as GROWTH), exactly like an order.
 *
 * <p>A drawn number is not yet issued: the caller writes it ({@code card_number}'s primary key is the
 * final guarantee) and draws again when it already has a row (retired while FREE).
 */
@ApplicationScoped
public class DigitalAllocator {

    /** A number drawn for one allocation, and the digital series it lies in. */
    public record Drawn(long number, Series series) {
    }

    /** Allocation values {@code seqFirst..seqLast} mapped onto {@code series}. */
    private record Mapped(long seqFirst, long seqLast, Series series) {
    }

    private final DigitalAllocatorRepository repository;
    private final SeriesRepository series;
    private final SeriesService seriesService;
    private final AuditLog audit;
    private final NumberSeriesConfig config;
    private final NavigableMap<Long, Mapped> mapped = new ConcurrentSkipListMap<>();
    private long[] block = new long[0];
    private int used;

    public DigitalAllocator(DigitalAllocatorRepository repository, SeriesRepository series, SeriesService seriesService,
                            AuditLog audit, NumberSeriesConfig config) {
        this.repository = repository;
        this.series = series;
        this.seriesService = seriesService;
        this.audit = audit;
        this.config = config;
    }

    /**
     * Draws the next number: the next value of this instance's block (reserving a new block when it is used
     * up), mapped onto its range (growing the series when no range holds it yet).
     *
     * @param actor who allocates (audit of a growth)
     * @param now   the time of a growth
     * @throws no.nb.bibliotekkortet.common.problem.ProblemException 409 {@code number-space-exhausted} when the
     *         digital series cannot grow
     */
    public Drawn draw(Actor actor, Instant now) {
        long k = nextValue();
        Mapped m = mappedFor(k, actor, now);
        return new Drawn(m.series().firstNumber + (k - m.seqFirst()), m.series());
    }

    /**
     * Forgets this instance's block and the cached ranges, as a restart does: the rest of the block is skipped
     * (for tests that empty the database, and for a sequence reset by hand).
     */
    public synchronized void discard() {
        block = new long[0];
        used = 0;
        mapped.clear();
    }

    private synchronized long nextValue() {
        if (used == block.length) {
            block = repository.reserveBlock(config.digitalBlockSize());
            used = 0;
        }
        return block[used++];
    }

    private Mapped mappedFor(long k, Actor actor, Instant now) {
        Map.Entry<Long, Mapped> known = mapped.floorEntry(k);
        if (known != null && known.getValue().seqLast() >= k) {
            return known.getValue();
        }
        Mapped m = QuarkusTransaction.requiringNew().call(() -> {
            DigitalAllocatorRepository.Range range = repository.rangeFor(k).orElseGet(() -> growTo(k, actor, now));
            return new Mapped(range.seqFirst(), range.seqLast(), series.findById(range.seriesId()));
        });
        mapped.put(m.seqFirst(), m);
        return m;
    }

    /**
     * Reserves new digital ranges until allocation value {@code k} is mapped, under the reservation lock
     * (another instance may have grown the series meanwhile: re-checked under the lock).
     */
    private DigitalAllocatorRepository.Range growTo(long k, Actor actor, Instant now) {
        series.lockForReservation();
        while (true) {
            var existing = repository.rangeFor(k);
            if (existing.isPresent()) {
                return existing.get();
            }
            long seqFirst = repository.highestMapped() + 1;
            Series s = grow(actor, now);
            repository.add(s.id, seqFirst, seqFirst + s.size() - 1);
        }
    }

    private Series grow(Actor actor, Instant now) {
        long remaining = NumberSpace.remainingAbove(series.highestReserved());
        if (remaining == 0) {
            throw SeriesService.exhausted(0);
        }
        NumberRange range = seriesService.nextRange(Math.min(remaining, config.digitalRangeSize()));
        Series s = new Series();
        s.kind = Series.Kind.DIGITAL;
        s.origin = Series.Origin.GROWTH;
        s.libraryNumber = null;
        s.firstNumber = range.first();
        s.lastNumber = range.last();
        s.reservedAt = now;
        s.reservedBy = actor.name();
        series.persist(s);
        series.flush();
        audit.record(AuditEvent.Action.GROWTH, range, s.id, null, actor, null, now);
        return s;
    }
}
