package no.nb.bibliotekkortet.numberseries.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Queries over reserved series. */
@ApplicationScoped
public class SeriesRepository implements PanacheRepository<Series> {

    /** Series of one library, lowest numbers first. */
    public List<Series> forLibrary(String libraryNumber) {
        return list("libraryNumber", Sort.by("firstNumber"), libraryNumber);
    }

    /** Every series (library and digital), by library and then number. */
    public List<Series> all() {
        return listAll(Sort.by("libraryNumber", Sort.NullPrecedence.NULLS_LAST).and("firstNumber"));
    }

    /** The series containing card number {@code number} (numeric part), if any (uses the GiST index on the range). */
    @SuppressWarnings("unchecked")
    public Optional<Series> containing(long number) {
        List<Series> found = getEntityManager()
                .createNativeQuery("select * from series where numbers @> cast(:n as bigint)", Series.class)
                .setParameter("n", number).getResultList();
        return found.stream().findFirst();
    }

    /** Series sharing at least one number with {@code first..last}, lowest first. */
    public List<Series> overlapping(long first, long last) {
        return list("firstNumber <= ?2 and lastNumber >= ?1", Sort.by("firstNumber"), first, last);
    }

    /** The highest card number (9-digit value) inside any series, or 0 when there are none. */
    public long highestReserved() {
        Long max = getEntityManager().createQuery("select max(s.lastNumber) from Series s", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }

    /**
     * Reserves a batch of library orders in one statement: a series (kind LIBRARY, origin ORDER) per
     * order and its ORDER audit record. The caller holds the reservation lock and has computed the ranges.
     * All arrays are one entry per order, in the same order.
     *
     * @param libraryNumbers owner of each series
     * @param firstNumbers   first number of each range (distinct)
     * @param lastNumbers    last number of each range
     * @param at             when each order came (reserved at)
     * @param actors         audit actor name of each order ({@code client:<id>})
     * @param actorKinds     the actor's client kind, or null
     * @return the new series' ids keyed by their first number
     */
    @SuppressWarnings("unchecked")
    public Map<Long, Long> insertOrders(String[] libraryNumbers, Long[] firstNumbers, Long[] lastNumbers, Instant[] at,
                                        String[] actors, String[] actorKinds) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        with v as (
                            select * from unnest(cast(:libraries as varchar[]), cast(:firsts as bigint[]), cast(:lasts as bigint[]),
                                                 cast(:at as timestamptz[]), cast(:actors as varchar[]), cast(:kinds as varchar[]))
                                as v (library_number, first_number, last_number, at, actor, actor_kind)
                        ), created as (
                            insert into series (library_number, kind, origin, first_number, last_number, reserved_at, reserved_by)
                            select library_number, 'LIBRARY', 'ORDER', first_number, last_number, at, actor from v
                            returning id, first_number
                        ), audited as (
                            insert into audit_event (action, first_number, last_number, series_id, library_number, actor, actor_kind, at)
                            select 'ORDER', v.first_number, v.last_number, c.id, v.library_number, v.actor, v.actor_kind, v.at
                            from v join created c on c.first_number = v.first_number
                        )
                        select id, first_number from created""")
                .setParameter("libraries", libraryNumbers)
                .setParameter("firsts", firstNumbers)
                .setParameter("lasts", lastNumbers)
                .setParameter("at", at)
                .setParameter("actors", actors)
                .setParameter("kinds", actorKinds)
                .getResultList();
        Map<Long, Long> ids = new HashMap<>();
        for (Object[] row : rows) {
            ids.put(((Number) row[1]).longValue(), ((Number) row[0]).longValue());
        }
        return ids;
    }

    /**
     * Serialises everything that reserves numbers (orders, imports, digital growth) for the rest of the
     * transaction (a transaction-level advisory lock), so that concurrent orders take consecutive ranges
     * instead of failing on the overlap constraint.
     */
    public void lockForReservation() {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(4242001)").getSingleResult();
    }

    /**
     * Numbers left (not yet taken) per owner: a library number, or {@code digital} for the digital series; one
     * grouped query over the series and the index on card_number.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Long> numbersLeftByOwner() {
        List<Object[]> rows = getEntityManager().createNativeQuery(
                "select coalesce(s.library_number, 'digital'), sum(s.last_number - s.first_number + 1 - "
                        + "(select count(*) from card_number c where c.series_id = s.id)) from series s "
                        + "group by coalesce(s.library_number, 'digital')").getResultList();
        Map<String, Long> left = new LinkedHashMap<>();
        for (Object[] row : rows) {
            left.put((String) row[0], ((Number) row[1]).longValue());
        }
        return left;
    }
}
