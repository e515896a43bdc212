package no.nb.bibliotekkortet.numberseries.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.numberseries.config.NumberSeriesConfig;
import no.nb.bibliotekkortet.numberseries.domain.NumberRange;
import no.nb.bibliotekkortet.numberseries.domain.NumberSpace;
import no.nb.bibliotekkortet.numberseries.repository.AuditEvent;
import no.nb.bibliotekkortet.numberseries.repository.CardNumber;
import no.nb.bibliotekkortet.numberseries.repository.CardNumberRepository;
import no.nb.bibliotekkortet.numberseries.repository.CardNumberRequest;
import no.nb.bibliotekkortet.numberseries.repository.CardNumberRequestRepository;
import no.nb.bibliotekkortet.numberseries.repository.DigitalAllocatorRepository;
import no.nb.bibliotekkortet.numberseries.repository.Series;
import no.nb.bibliotekkortet.numberseries.repository.SeriesRepository;

/**
 * The national digital series (R9, R14): numbers for digital cards created by self-registration. The
 * register owns it — its series have kind DIGITAL and no library — and it grows by itself: when the
 * current range is used up it reserves the next {@code numberseries.digital-range-size} numbers above
 * everything reserved, exactly like an order.
 */
@ApplicationScoped
public class DigitalSeriesService {

    private final DigitalAllocatorRepository allocator;
    private final SeriesRepository series;
    private final SeriesService seriesService;
    private final CardNumberRepository numbers;
    private final CardNumberRequestRepository requests;
    private final CardNumberService cardNumbers;
    private final AuditLog audit;
    private final NumberSeriesConfig config;
    private final Clock clock;
    private final NumberSeriesMetrics metrics;

    public DigitalSeriesService(DigitalAllocatorRepository allocator, SeriesRepository series, SeriesService seriesService,
                                CardNumberRepository numbers, CardNumberRequestRepository requests,
                                CardNumberService cardNumbers, AuditLog audit, NumberSeriesConfig config, Clock clock,
                                NumberSeriesMetrics metrics) {
        this.metrics = metrics;
        this.allocator = allocator;
        this.series = series;
        this.seriesService = seriesService;
        this.numbers = numbers;
        this.requests = requests;
        this.cardNumbers = cardNumbers;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** The result of an allocation: the number's state, and whether this call allocated it (false on a repeat). */
    public record Allocation(NumberStatus status, boolean created) {
    }

    /**
     * Allocates the next free number of the national digital series and marks it ISSUED. Each allocation
     * draws its own value from a PostgreSQL sequence (never the same twice, no lock held to commit), and
     * the card-number primary key guarantees that no number is handed out twice. A rolled-back
     * allocation leaves its number FREE and unused. Idempotent per request id.
     *
     * @param requestId the caller's id of this registration
     * @return the allocated number (ISSUED)
     * @throws ProblemException 409 {@code number-space-exhausted} when the digital series cannot grow;
     *                          409 {@code request-id-reused} when the id was used for an issue
     */
    @Transactional
    public Allocation allocate(String requestId, Actor actor) {
        Instant now = Instant.now(clock);
        if (!requests.claim(requestId, CardNumberRequest.Operation.DIGITAL, null, null, now)) {
            CardNumberRequest earlier = requests.findById(requestId);
            if (earlier.operation != CardNumberRequest.Operation.DIGITAL) {
                throw ProblemException.conflict("request-id-reused", "The request id was used for another request",
                        "This request id was already used for a different operation");
            }
            if (earlier.releasedAt != null) {
                throw ProblemException.conflict("card-number-released", "The allocation was released",
                        "The allocation with this request id was released; use a new request id");
            }
            return new Allocation(cardNumbers.lookup(earlier.number), false);
        }
        while (true) {
            long k = allocator.nextValue();
            DigitalAllocatorRepository.Range range = allocator.rangeFor(k).orElseGet(() -> growTo(k, actor, now));
            Series current = series.findById(range.seriesId());
            long candidate = current.firstNumber + (k - range.seqFirst());
            // A number retired while FREE already has a row: draw the next one.
            if (numbers.insertIssued(candidate, current.id, null, now, actor.name(), requestId)) {
                requests.setNumber(requestId, candidate);
                audit.record(AuditEvent.Action.ALLOCATE, new NumberRange(candidate, candidate), current.id, null,
                        actor, requestId, now);
                CardNumber row = new CardNumber();
                row.number = candidate;
                row.seriesId = current.id;
                row.state = CardNumber.State.ISSUED;
                row.issuedAt = now;
                metrics.allocated("digital");
                return new Allocation(NumberStatus.of(candidate, current, row, now), true);
            }
        }
    }

    /**
     * Reserves new digital ranges until allocation value {@code k} is mapped, under the reservation lock
     * (another allocation may have grown the series meanwhile: re-checked under the lock).
     */
    private DigitalAllocatorRepository.Range growTo(long k, Actor actor, Instant now) {
        series.lockForReservation();
        while (true) {
            var existing = allocator.rangeFor(k);
            if (existing.isPresent()) {
                return existing.get();
            }
            long seqFirst = allocator.highestMapped() + 1;
            Series s = grow(actor, now);
            allocator.add(s.id, seqFirst, seqFirst + s.size() - 1);
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
