package no.nb.bibliotekkortet.patron.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Appends change records (the future change feed): one per write, in the writer's transaction, naming the
 * libraries the patron belongs to at that moment. Records hold no personal data.
 */
@ApplicationScoped
public class ChangeRecords {

    /** Kinds of change. */
    public enum Kind {
        CREATED, UPDATED, CARD_CHANGED, DELETED,
        /** Issue 16: memberships as library systems must sync them (detail in {@code membership}). */
        MEMBERSHIP_ADDED, MEMBERSHIP_ACTIVATED, MEMBERSHIP_REMOVED, HOME_LIBRARY_CHANGED
    }

    private final EntityManager em;
    private final no.nb.bibliotekkortet.patron.metrics.PatronMetrics metrics;

    public ChangeRecords(EntityManager em, no.nb.bibliotekkortet.patron.metrics.PatronMetrics metrics) {
        this.em = em;
        this.metrics = metrics;
    }

    /**
     * Appends one record.
     *
     * @param libraryNumbers 7-digit library numbers concerned
     * @param changedBy      library number or {@code SELF}
     * @throws jakarta.transaction.TransactionalException outside a transaction
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(UUID patronId, Kind kind, List<String> libraryNumbers, String changedBy, Instant at) {
        em.createNativeQuery("insert into change_record (patron_id, kind, library_numbers, changed_by, changed_at) "
                        + "values (?1, ?2, cast(?3 as varchar(7)[]), ?4, ?5)")
                .setParameter(1, patronId).setParameter(2, kind.name())
                .setParameter(3, "{" + String.join(",", libraryNumbers) + "}")
                .setParameter(4, changedBy).setParameter(5, at).executeUpdate();
        metrics.changeRecord(kind);
    }
}
