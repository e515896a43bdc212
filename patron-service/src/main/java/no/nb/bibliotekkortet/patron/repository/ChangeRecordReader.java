package no.nb.bibliotekkortet.patron.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the change feed's records (R15, R19) for one library, in (transaction id, record id) order. Only records whose
 * transaction id is below the oldest running transaction ({@code pg_snapshot_xmin(pg_current_snapshot())}) are
 * read, so a record of a transaction still running (which may commit after later ids) is read later, never skipped.
 */
@ApplicationScoped
public class ChangeRecordReader {

    /**
     * One stored change record: {@code fields} changed (null when none), {@code cardChange} and {@code membershipChange}
     * as JSON text (null when none), {@code cardNumbers} (kept for DELETED records), {@code xactId} the writing transaction's id.
     */
    public record StoredChange(long id, String kind, UUID patronId, List<String> fields, String cardChange,
                               List<String> cardNumbers, String changedBy, Instant changedAt, BigInteger xactId,
                               String membershipChange) {
    }

    private final EntityManager em;

    public ChangeRecordReader(EntityManager em) {
        this.em = em;
    }

    /** Up to {@code limit} records for {@code libraryNumber} after (xactId, id), ordered. */
    @SuppressWarnings("unchecked")
    public List<StoredChange> after(String libraryNumber, BigInteger xactId, long id, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        select c.id, c.kind, c.patron_id, c.fields, c.card_change::text, c.card_numbers, c.changed_by,
                               c.changed_at, c.xact_id::text, c.membership_change::text
                        from change_record_library l
                        join change_record c on c.id = l.change_id
                        where l.library_number = ?1
                          and (l.xact_id, l.change_id) > (cast(?2 as text)::xid8, ?3)
                          and l.xact_id < pg_snapshot_xmin(pg_current_snapshot())
                        order by l.xact_id, l.change_id
                        limit ?4""")
                .setParameter(1, libraryNumber).setParameter(2, xactId.toString()).setParameter(3, id)
                .setParameter(4, limit).getResultList();
        return rows.stream().map(ChangeRecordReader::change).toList();
    }

    /** The record {@code changeId} when it was written for {@code libraryNumber}. */
    @SuppressWarnings("unchecked")
    public Optional<StoredChange> one(String libraryNumber, long changeId) {
        List<Object[]> rows = em.createNativeQuery("""
                        select id, kind, patron_id, fields, card_change::text, card_numbers, changed_by, changed_at,
                               xact_id::text, membership_change::text
                        from change_record
                        where id = ?1 and library_numbers @> array[cast(?2 as varchar(7))]""")
                .setParameter(1, changeId).setParameter(2, libraryNumber).getResultList();
        return rows.stream().findFirst().map(ChangeRecordReader::change);
    }

    private static StoredChange change(Object[] r) {
        return new StoredChange(((Number) r[0]).longValue(), (String) r[1], (UUID) r[2], list(r[3]), (String) r[4],
                list(r[5]), (String) r[6], SqlValues.instant(r[7]), new BigInteger((String) r[8]),
                (String) r[9]);
    }

    private static List<String> list(Object array) {
        if (array == null) {
            return null;
        }
        if (array instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (array instanceof Object[] a) {
            return Arrays.stream(a).map(String::valueOf).toList();
        }
        try {
            return Arrays.stream((Object[]) ((java.sql.Array) array).getArray()).map(String::valueOf).toList();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
