package no.nb.bibliotekkortet.numberseries.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Card numbers that have left FREE. Writes are single SQL statements with {@code on conflict}, so that
 * PostgreSQL's primary key, not a read-then-write in Java, decides who wins a race.
 */
@ApplicationScoped
public class CardNumberRepository implements PanacheRepositoryBase<CardNumber, Long> {

    /**
     * Marks a FREE number ISSUED.
     *
     * @return true when this call issued it; false when the number already has a row (ISSUED or RETIRED)
     */
    public boolean insertIssued(long number, long seriesId, String libraryNumber, Instant at, String by, String requestId) {
        int rows = getEntityManager().createNativeQuery("""
                        insert into card_number (number, series_id, state, library_number, issued_at, issued_by, issue_request_id)
                        values (:number, :series, 'ISSUED', :library, :at, :by, :request)
                        on conflict (number) do nothing""")
                .setParameter("number", number)
                .setParameter("series", seriesId)
                .setParameter("library", libraryNumber)
                .setParameter("at", at)
                .setParameter("by", by)
                .setParameter("request", requestId)
                .executeUpdate();
        return rows == 1;
    }

    /**
     * Marks a number RETIRED whatever its state (a FREE number gets a row).
     *
     * @return true when the number changed state; false when it already was RETIRED
     */
    public boolean retire(long number, long seriesId, Instant at, String by) {
        int rows = getEntityManager().createNativeQuery("""
                        insert into card_number (number, series_id, state, retired_at, retired_by)
                        values (:number, :series, 'RETIRED', :at, :by)
                        on conflict (number) do update set state = 'RETIRED', retired_at = excluded.retired_at,
                            retired_by = excluded.retired_by
                        where card_number.state <> 'RETIRED'""")
                .setParameter("number", number)
                .setParameter("series", seriesId)
                .setParameter("at", at)
                .setParameter("by", by)
                .executeUpdate();
        return rows == 1;
    }

    /** Returns an ISSUED number to FREE (deletes its row); true when it was ISSUED. */
    public boolean release(long number) {
        return getEntityManager().createNativeQuery("delete from card_number where number = :number and state = 'ISSUED'")
                .setParameter("number", number)
                .executeUpdate() == 1;
    }

    /** The row of a number that has left FREE, read fresh from the database. */
    public Optional<CardNumber> current(long number) {
        CardNumber cached = findById(number);
        if (cached != null) {
            getEntityManager().refresh(cached);
        }
        return Optional.ofNullable(cached);
    }
}
