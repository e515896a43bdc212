package no.nb.bibliotekkortet.numberseries.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
     * Issues a batch of digital allocations in one statement: each number becomes ISSUED for its request
     * (no library), gets its ALLOCATE audit record, and its claimed request row
     * ({@link CardNumberRequestRepository#claimDigital}) gets the number. A number that already has a row
     * (retired while FREE) is left as it is, and its request keeps no number: draw another one for it.
     * All arrays are one entry per allocation, in the same order.
     *
     * @param numbers    distinct numbers of the digital series
     * @param seriesIds  the series each lies in
     * @param requestIds the claimed request ids
     * @param at         when each request came
     * @param actors     audit actor name of each request ({@code client:<id>})
     * @param actorKinds the actor's client kind, or null
     * @return the request ids whose number was issued
     */
    @SuppressWarnings("unchecked")
    public Set<String> issueDigital(Long[] numbers, Long[] seriesIds, String[] requestIds, Instant[] at, String[] actors,
                                    String[] actorKinds) {
        List<String> issued = getEntityManager().createNativeQuery("""
                        with v as (
                            select * from unnest(cast(:numbers as bigint[]), cast(:series as bigint[]), cast(:ids as varchar[]),
                                                 cast(:at as timestamptz[]), cast(:actors as varchar[]), cast(:kinds as varchar[]))
                                as v (number, series_id, request_id, at, actor, actor_kind)
                        ), issued as (
                            insert into card_number (number, series_id, state, issued_at, issued_by, issue_request_id)
                            select number, series_id, 'ISSUED', at, actor, request_id from v
                            on conflict (number) do nothing
                            returning number, issue_request_id
                        ), audited as (
                            insert into audit_event (action, first_number, last_number, series_id, actor, actor_kind, request_id, at)
                            select 'ALLOCATE', v.number, v.number, v.series_id, v.actor, v.actor_kind, v.request_id, v.at
                            from v join issued i on i.number = v.number
                        ), requested as (
                            update card_number_request r set number = i.number
                            from issued i where r.request_id = i.issue_request_id
                        )
                        select issue_request_id from issued""")
                .setParameter("numbers", numbers)
                .setParameter("series", seriesIds)
                .setParameter("ids", requestIds)
                .setParameter("at", at)
                .setParameter("actors", actors)
                .setParameter("kinds", actorKinds)
                .getResultList();
        return new HashSet<>(issued);
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

    /**
     * The row of a number that has left FREE, read fresh from the database in one query (a projection, so a copy
     * already in the persistence context is neither returned stale nor refreshed with a second query). The result
     * is not managed: changing it writes nothing.
     */
    public Optional<CardNumber> current(long number) {
        List<Object[]> rows = getEntityManager().createQuery("""
                        select c.seriesId, c.state, c.libraryNumber, c.issuedAt, c.retiredAt
                        from CardNumber c where c.number = :n""", Object[].class)
                .setParameter("n", number).getResultList();
        return rows.stream().findFirst().map(r -> {
            CardNumber row = new CardNumber();
            row.number = number;
            row.seriesId = (Long) r[0];
            row.state = (CardNumber.State) r[1];
            row.libraryNumber = (String) r[2];
            row.issuedAt = (Instant) r[3];
            row.retiredAt = (Instant) r[4];
            return row;
        });
    }
}
