package no.nb.bibliotekkortet.numberseries.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * The cursor of the national digital series (table {@code digital_allocator}, one row): the series it
 * allocates from and the next number to try. Reading it locks the row until the transaction ends, which
 * serialises digital allocations.
 */
@ApplicationScoped
public class DigitalAllocatorRepository {

    /** The cursor as read under lock: {@code seriesId} null before the first range exists. */
    public record Cursor(Long seriesId, long nextNumber) {
    }

    private final EntityManager em;

    public DigitalAllocatorRepository(EntityManager em) {
        this.em = em;
    }

    /** Reads and locks the cursor, creating it (without a series) on first use. */
    public Cursor lock() {
        Cursor cursor = select();
        if (cursor == null) {
            em.createNativeQuery("insert into digital_allocator (id, series_id, next_number) values (1, null, 0) on conflict (id) do nothing")
                    .executeUpdate();
            cursor = select();
        }
        return cursor;
    }

    /** Moves the cursor (the row must be locked by this transaction). */
    public void move(long seriesId, long nextNumber) {
        em.createNativeQuery("update digital_allocator set series_id = :s, next_number = :n where id = 1")
                .setParameter("s", seriesId).setParameter("n", nextNumber).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private Cursor select() {
        List<Object[]> rows = em.createNativeQuery("select series_id, next_number from digital_allocator where id = 1 for update")
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new Cursor(row[0] == null ? null : ((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }
}
