package no.nb.bibliotekkortet.numberseries.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
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

    /** The series containing card number {@code number} (numeric part), if any. */
    public Optional<Series> containing(long number) {
        return find("firstNumber <= ?1 and lastNumber >= ?1", number).firstResultOptional();
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
