package no.nb.bibliotekkortet.numberseries.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/**
 * Allocation order of the national digital series: the PostgreSQL sequence
 * {@code digital_allocation_seq} hands out allocation values 1, 2, 3 … (never the same value twice,
 * whichever instance or release asks), and {@code digital_range} maps consecutive blocks of those values
 * onto the digital series' ranges.
 */
@ApplicationScoped
public class DigitalAllocatorRepository {

    /** A digital series and the block of allocation values {@code seqFirst..seqLast} mapped onto it. */
    public record Range(long seriesId, long seqFirst, long seqLast) {
    }

    private final EntityManager em;

    public DigitalAllocatorRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Reserves {@code size} allocation values for one instance in one statement: {@code size} calls of
     * {@code nextval} (non-transactional, so a rollback does not give them back; values another session
     * draws at the same moment may interleave, so the block need not be contiguous).
     *
     * @return the reserved values, ascending, each never returned to anyone else
     */
    @SuppressWarnings("unchecked")
    public long[] reserveBlock(int size) {
        List<Number> values = em.createNativeQuery("select nextval('digital_allocation_seq') from generate_series(1, :n)")
                .setParameter("n", size).getResultList();
        return values.stream().mapToLong(Number::longValue).sorted().toArray();
    }

    /** The range whose block holds allocation value {@code k}, if one exists yet. */
    @SuppressWarnings("unchecked")
    public Optional<Range> rangeFor(long k) {
        List<Object[]> rows = em.createNativeQuery(
                        "select series_id, seq_first, seq_last from digital_range where seq_first <= :k and seq_last >= :k")
                .setParameter("k", k).getResultList();
        return rows.stream().findFirst().map(r -> new Range(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue()));
    }

    /** The highest allocation value mapped so far (0 before the first range). */
    public long highestMapped() {
        Object max = em.createNativeQuery("select coalesce(max(seq_last), 0) from digital_range").getSingleResult();
        return ((Number) max).longValue();
    }

    /** Maps allocation values {@code seqFirst..seqLast} onto digital series {@code seriesId}. */
    public void add(long seriesId, long seqFirst, long seqLast) {
        em.createNativeQuery("insert into digital_range (series_id, seq_first, seq_last) values (:s, :f, :l)")
                .setParameter("s", seriesId).setParameter("f", seqFirst).setParameter("l", seqLast).executeUpdate();
    }
}
