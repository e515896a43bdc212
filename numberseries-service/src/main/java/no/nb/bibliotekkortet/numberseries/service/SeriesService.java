package no.nb.bibliotekkortet.numberseries.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.numberseries.repository.Series;
import no.nb.bibliotekkortet.numberseries.repository.SeriesRepository;

/** Reserving and listing card-number series (R12). */
@ApplicationScoped
public class SeriesService {

    /** Largest series one order may reserve. */
    public static final int MAX_ORDER = 100_000;

    private final SeriesRepository series;
    private final Clock clock;

    public SeriesService(SeriesRepository series, Clock clock) {
        this.series = series;
        this.clock = clock;
    }

    /**
     * Reserves {@code count} consecutive card numbers for a library, above every number reserved so far.
     *
     * @param libraryNumber 7-digit library number that will own the series
     * @param count         1..{@value #MAX_ORDER}
     * @param reservedBy    audit name of the caller (client id)
     * @return the new series
     * @throws ProblemException 422 when count is out of range; 409 when the number space cannot hold it
     */
    @Transactional
    public Series order(String libraryNumber, int count, String reservedBy) {
        if (count < 1 || count > MAX_ORDER) {
            throw ProblemException.unprocessable("count-out-of-range", "Count out of range",
                    "count must be between 1 and " + MAX_ORDER, "count", "1.." + MAX_ORDER);
        }
        series.lockForOrder();
        long first = series.highestReserved() + 1;
        long remaining = CardNumbers.MAX - first + 1;
        if (remaining < count) {
            throw ProblemException.conflict("number-space-exhausted", "The card number space is exhausted",
                    "Only " + Math.max(remaining, 0) + " card numbers remain; order fewer");
        }
        Series s = new Series();
        s.libraryNumber = libraryNumber;
        s.firstNumber = first;
        s.lastNumber = first + count - 1;
        s.reservedAt = Instant.now(clock);
        s.reservedBy = reservedBy;
        series.persist(s);
        return s;
    }

    /** Series of one library, lowest numbers first. */
    public List<Series> forLibrary(String libraryNumber) {
        return series.forLibrary(libraryNumber);
    }

    /** Every series (NB's back office). */
    public List<Series> all() {
        return series.all();
    }
}
