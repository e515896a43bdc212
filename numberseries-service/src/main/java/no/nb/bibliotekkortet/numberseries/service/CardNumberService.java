package no.nb.bibliotekkortet.numberseries.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.numberseries.config.NumberSeriesConfig;
import no.nb.bibliotekkortet.numberseries.domain.CardNumbers;
import no.nb.bibliotekkortet.numberseries.domain.NumberRange;
import no.nb.bibliotekkortet.numberseries.repository.AuditEvent;
import no.nb.bibliotekkortet.numberseries.repository.CardNumber;
import no.nb.bibliotekkortet.numberseries.repository.CardNumberRepository;
import no.nb.bibliotekkortet.numberseries.repository.CardNumberRequest;
import no.nb.bibliotekkortet.numberseries.repository.CardNumberRequestRepository;
import no.nb.bibliotekkortet.numberseries.repository.Series;
import no.nb.bibliotekkortet.numberseries.repository.SeriesRepository;

/**
 * The state of single card numbers (R12, R13, R14): look up, issue for a library's printed card,
 * release a rolled-back issue, retire for good. Every write is one transaction; every rule violation
 * throws before anything is written or rolls the transaction back.
 */
@ApplicationScoped
public class CardNumberService {

    private final SeriesRepository series;
    private final CardNumberRepository numbers;
    private final CardNumberRequestRepository requests;
    private final AuditLog audit;
    private final NumberSeriesConfig config;
    private final Clock clock;
    private final NumberSeriesMetrics metrics;

    public CardNumberService(SeriesRepository series, CardNumberRepository numbers, CardNumberRequestRepository requests,
                             AuditLog audit, NumberSeriesConfig config, Clock clock, NumberSeriesMetrics metrics) {
        this.metrics = metrics;
        this.series = series;
        this.numbers = numbers;
        this.requests = requests;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The state of a card number. A read: joins the caller's transaction when there is one, and otherwise runs
     * without one (each of its two or three queries reads committed data on its own, as it would inside a
     * READ COMMITTED transaction; no commit round trip, nothing to flush).
     *
     * @param number numeric part (1..999 999 999)
     * @throws ProblemException 404 {@code card-number-not-reserved} when the number lies in no series
     */
    @ActivateRequestContext
    @Transactional(Transactional.TxType.SUPPORTS)
    public NumberStatus lookup(long number) {
        Series s = series.containing(number).orElseThrow(() -> notReserved(number));
        return status(number, s);
    }

    private NumberStatus status(long number, Series s) {
        CardNumber row = numbers.current(number).orElse(null);
        Instant freeSince = s.reservedAt;
        if (row == null) {
            Optional<CardNumberRequest> released = requests.find("number = ?1 and releasedAt is not null order by releasedAt desc", number)
                    .firstResultOptional();
            if (released.isPresent()) {
                freeSince = released.get().releasedAt;
            }
        }
        return NumberStatus.of(number, s, row, freeSince);
    }

    /**
     * Issues a FREE number of library {@code libraryNumber}'s series for a printed card (internal, for
     * patron-service). Idempotent per request id: repeating the request returns the same result. Two
     * concurrent issues of one number: PostgreSQL's primary key lets exactly one succeed.
     *
     * @param number        numeric part of the card number
     * @param libraryNumber 7-digit library registering the card
     * @param requestId     the caller's id of this registration
     * @return the number's state (ISSUED for this request)
     * @throws ProblemException 422 {@code number-outside-library-series} when the number lies in none of the
     *                          library's series; 409 {@code card-number-not-free} when ISSUED or RETIRED;
     *                          409 {@code request-id-reused} when the request id was used for something else
     */
    @Transactional
    public NumberStatus issue(long number, String libraryNumber, String requestId, Actor actor) {
        Instant now = Instant.now(clock);
        // Validate before writing anything: a number outside the library's series (also N000000000, outside the
        // number space 1..999 999 999) is a 422 for the caller, never a constraint violation of the request row.
        Series s = series.containing(number)
                .filter(found -> found.kind == Series.Kind.LIBRARY && libraryNumber.equals(found.libraryNumber))
                .orElseThrow(() -> ProblemException.unprocessable("number-outside-library-series",
                        "The number is not in the library's series",
                        CardNumbers.format(number) + " lies in none of library " + libraryNumber + "'s series",
                        "cardNumber", "a card number is issued only from a series of the registering library (R12)"));
        if (!requests.claim(requestId, CardNumberRequest.Operation.ISSUE, number, libraryNumber, now)) {
            CardNumberRequest earlier = requests.findById(requestId);
            requests.getEntityManager().refresh(earlier);
            if (earlier.operation != CardNumberRequest.Operation.ISSUE || earlier.number == null
                    || earlier.number != number || !libraryNumber.equals(earlier.libraryNumber)) {
                throw requestIdReused();
            }
            if (earlier.releasedAt != null) {
                throw ProblemException.conflict("card-number-released", "The issue was released",
                        "The issue with this request id was released; use a new request id to issue again");
            }
            return lookup(number);
        }
        if (!numbers.insertIssued(number, s.id, libraryNumber, now, actor.name(), requestId)) {
            CardNumber row = numbers.current(number).orElseThrow();
            throw notFree(number, row.state);
        }
        audit.record(AuditEvent.Action.ISSUE, new NumberRange(number, number), s.id, libraryNumber, actor, requestId, now);
        metrics.allocated("issued");
        return status(number, s);
    }

    /**
     * Undoes an issue (or digital allocation) whose registration was rolled back: the number returns to
     * FREE. Only for the request id that issued it, only within {@code numberseries.release-window} of the
     * issue, and only while the number is still ISSUED. Repeating a successful release returns the same
     * result.
     *
     * @return the number's state (FREE)
     * @throws ProblemException 409 {@code release-refused} in every other case, saying why
     */
    @Transactional
    public NumberStatus release(long number, String requestId, Actor actor) {
        Instant now = Instant.now(clock);
        CardNumberRequest request = requests.findById(requestId);
        if (request == null || request.number == null || request.number != number) {
            throw releaseRefused("No issue of " + CardNumbers.format(number) + " with this request id exists");
        }
        requests.getEntityManager().lock(request, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        requests.getEntityManager().refresh(request);
        Series s = series.containing(number).orElseThrow(() -> notReserved(number));
        if (request.releasedAt != null) {
            return status(number, s);
        }
        if (now.isAfter(request.createdAt.plus(config.releaseWindow()))) {
            throw releaseRefused("The release window of " + config.releaseWindow().toMinutes()
                    + " minutes after the issue has passed");
        }
        if (!numbers.release(number)) {
            throw releaseRefused(CardNumbers.format(number) + " is no longer ISSUED");
        }
        requests.markReleased(requestId, now);
        audit.record(AuditEvent.Action.RELEASE, new NumberRange(number, number), s.id, request.libraryNumber, actor, requestId, now);
        return NumberStatus.of(number, s, null, now);
    }

    /**
     * Retires card numbers for good (a digital number replaced by a printed card, a merged or deleted
     * account; R13, R14, R20): whatever their state, they become RETIRED and are never issued again.
     * Idempotent: a number already RETIRED stays as it was. All or nothing.
     *
     * @param batch numeric parts, 1..{@code numberseries.max-retirement-batch}; duplicates are ignored
     * @return the state of each distinct number, in the given order
     * @throws ProblemException 422 {@code card-number-not-reserved} naming the first number in no series
     */
    @Transactional
    public List<NumberStatus> retire(List<Long> batch, Actor actor) {
        Instant now = Instant.now(clock);
        List<NumberStatus> result = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            long number = batch.get(i);
            if (!seen.add(number)) {
                continue;
            }
            int at = i;
            Series s = series.containing(number).orElseThrow(() -> ProblemException.unprocessable("card-number-not-reserved",
                    "The number lies in no series", CardNumbers.format(number) + " lies in no reserved series",
                    "[" + at + "]", "only reserved numbers can be retired"));
            if (numbers.retire(number, s.id, now, actor.name())) {
                audit.record(AuditEvent.Action.RETIRE, new NumberRange(number, number), s.id, s.libraryNumber, actor, null, now);
            }
            result.add(status(number, s));
        }
        return result;
    }

    static ProblemException notReserved(long number) {
        return ProblemException.notFound("card-number-not-reserved",
                CardNumbers.format(number) + " lies in no reserved series");
    }

    static ProblemException notFree(long number, CardNumber.State state) {
        return ProblemException.conflict("card-number-not-free", "The card number is not free",
                CardNumbers.format(number) + " is " + state + "; only a FREE number can be issued");
    }

    private static ProblemException requestIdReused() {
        return ProblemException.conflict("request-id-reused", "The request id was used for another request",
                "This request id was already used for a different number, library or operation");
    }

    private static ProblemException releaseRefused(String detail) {
        return ProblemException.conflict("release-refused", "The number cannot be released", detail);
    }
}
