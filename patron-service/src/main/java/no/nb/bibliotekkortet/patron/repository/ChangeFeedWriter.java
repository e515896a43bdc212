package no.nb.bibliotekkortet.patron.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Appends change-feed records with details (R15, R19): which fields an UPDATED changed, a card change
 * (numbers added and retired), a DELETED tombstone carrying only card numbers. Every record also gets the
 * writing transaction's id ({@code pg_current_xact_id()}, a column default) which orders the feed. Always
 * inside the writer's transaction; records hold no personal data besides card numbers.
 */
@ApplicationScoped
public class ChangeFeedWriter {

    private final EntityManager em;
    private final ObjectMapper json;
    private final no.nb.bibliotekkortet.patron.metrics.PatronMetrics metrics;

    public ChangeFeedWriter(EntityManager em, ObjectMapper json, no.nb.bibliotekkortet.patron.metrics.PatronMetrics metrics) {
        this.em = em;
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * An UPDATED record naming the changed fields (e.g. {@code email}, {@code phones}, {@code permanentAddress}).
     *
     * @param libraryNumbers the patron's libraries now (7 digits each): who sees the record in the feed
     * @param changedBy      library number, {@code SELF}, {@code GUARDIAN} or {@code ADMIN}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void updated(UUID patronId, List<String> libraryNumbers, List<String> fields, String changedBy, Instant at) {
        insert(patronId, ChangeRecords.Kind.UPDATED, libraryNumbers, fields, null, null, changedBy, at);
    }

    /**
     * A CARD_CHANGED record: {@code added} card numbers issued, {@code retired} ones retired (still resolving
     * to the account, R1), with {@code reason} (SWAPPED, LOST, MERGED, LINKED_LOCAL) and the local number for
     * an alias.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cardChanged(UUID patronId, List<String> libraryNumbers, List<String> added, List<String> retired,
                            String reason, String changedBy, Instant at) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("added", added);
        change.put("retired", retired);
        change.put("reason", reason);
        insert(patronId, ChangeRecords.Kind.CARD_CHANGED, libraryNumbers, null, null, change, changedBy, at);
    }

    /**
     * A DELETED tombstone (for unregistration, inactivity deletion and erasure, R20, R21): the feed shows only
     * the patron id and these card numbers, nothing else about the person.
     *
     * @param libraryNumbers the libraries the patron belonged to just before the deletion
     * @param cardNumbers    every card number the patron held ({@code N} + 9 digits)
     * @param changedBy      library number, {@code SELF}, {@code SYSTEM} or {@code ADMIN}
     * @throws jakarta.transaction.TransactionalException outside a transaction
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(UUID patronId, List<String> libraryNumbers, List<String> cardNumbers, String changedBy, Instant at) {
        insert(patronId, ChangeRecords.Kind.DELETED, libraryNumbers, null, cardNumbers, null, changedBy, at);
    }

    /**
     * A membership record (issue 16): {@code MEMBERSHIP_ADDED}, {@code MEMBERSHIP_ACTIVATED}, {@code MEMBERSHIP_REMOVED}
     * or {@code HOME_LIBRARY_CHANGED}, with {@code membership} {libraryNumber, state, home, previousHomeLibrary}.
     *
     * @param libraryNumbers every library concerned: the patron's libraries after the change, the removed one and the
     *                       previous home library
     * @param changedBy      {@code MEMBERSHIP} (membership-service reports the change, not who made it)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void membershipChanged(UUID patronId, ChangeRecords.Kind kind, List<String> libraryNumbers,
                                  Map<String, Object> membership, String changedBy, Instant at) {
        insertRow(patronId, kind, libraryNumbers, null, null, null, membership, changedBy, at);
    }

    private void insert(UUID patronId, ChangeRecords.Kind kind, List<String> libraryNumbers, List<String> fields,
                        List<String> cardNumbers, Map<String, Object> cardChange, String changedBy, Instant at) {
        insertRow(patronId, kind, libraryNumbers, fields, cardNumbers, cardChange, null, changedBy, at);
    }

    private void insertRow(UUID patronId, ChangeRecords.Kind kind, List<String> libraryNumbers, List<String> fields,
                           List<String> cardNumbers, Map<String, Object> cardChange, Map<String, Object> membership,
                           String changedBy, Instant at) {
        String change;
        String membershipChange;
        try {
            change = cardChange == null ? null : json.writeValueAsString(cardChange);
            membershipChange = membership == null ? null : json.writeValueAsString(membership);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        em.createNativeQuery("insert into change_record (patron_id, kind, library_numbers, fields, card_numbers, "
                        + "card_change, membership_change, changed_by, changed_at) values (?1, ?2, cast(?3 as varchar(7)[]), "
                        + "cast(?4 as varchar(40)[]), cast(?5 as varchar(10)[]), cast(?6 as jsonb), cast(?9 as jsonb), ?7, ?8)")
                .setParameter(1, patronId).setParameter(2, kind.name())
                .setParameter(3, array(libraryNumbers)).setParameter(4, fields == null ? null : array(fields))
                .setParameter(5, cardNumbers == null ? null : array(cardNumbers)).setParameter(6, change)
                .setParameter(7, changedBy).setParameter(8, at).setParameter(9, membershipChange).executeUpdate();
        metrics.changeRecord(kind);
    }

    private static String array(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }
}
