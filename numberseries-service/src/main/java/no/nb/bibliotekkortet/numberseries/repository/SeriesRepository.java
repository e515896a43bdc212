package no.nb.bibliotekkortet.numberseries.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Queries over reserved series. */
@ApplicationScoped
public class SeriesRepository implements PanacheRepository<Series> {

    /** Series of one library, lowest numbers first. */
    public List<Series> forLibrary(String libraryNumber) {
        return list("libraryNumber", Sort.by("firstNumber"), libraryNumber);
    }

    /** Every series, by library and then number. */
    public List<Series> all() {
        return listAll(Sort.by("libraryNumber").and("firstNumber"));
    }

    /** The highest card number (9-digit value) inside any series, or 0 when there are none. */
    public long highestReserved() {
        Long max = getEntityManager().createQuery("select max(s.lastNumber) from Series s", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }

    /**
     * Serialises series orders for the rest of the transaction (a transaction-level advisory lock), so
     * that concurrent orders take consecutive ranges instead of failing on the overlap constraint.
     */
    public void lockForOrder() {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(4242001)").getSingleResult();
    }
}
