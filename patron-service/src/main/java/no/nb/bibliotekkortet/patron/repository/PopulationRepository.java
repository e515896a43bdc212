package no.nb.bibliotekkortet.patron.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What following the population register's feed keeps (R5, R6): the one cursor row
 * ({@code population_feed_cursor}, id 1), merge candidates (two patrons the register says are one person), and
 * the patrons the follower works on (UNVERIFIED ones to look up again, DECEASED ones due for deletion).
 * Callers hold the transaction.
 */
@ApplicationScoped
public class PopulationRepository {

    /** The stored cursor: the next sequence to read, times of the last event/processing/poll, the register's latest. */
    public record FeedCursor(long nextSequence, Instant lastEventAt, Instant lastProcessedAt, Instant lastPollAt,
                             Long registerLatest) {
    }

    /** Two patron ids the register says are one person, and when that was found. */
    public record MergeCandidate(UUID patronId, UUID otherPatronId, Instant detectedAt) {
    }

    /** An UNVERIFIED patron's id and sealed identity number. */
    public record Unverified(UUID patronId, String identityKeyId, byte[] identityCipher) {
    }

    private final EntityManager em;

    public PopulationRepository(EntityManager em) {
        this.em = em;
    }

    /** The cursor. */
    public FeedCursor cursor() {
        Object[] row = (Object[]) em.createNativeQuery("select next_sequence, last_event_at, last_processed_at, last_poll_at, "
                + "register_latest from population_feed_cursor where id = 1").getSingleResult();
        return new FeedCursor(((Number) row[0]).longValue(), SqlValues.instant(row[1]), SqlValues.instant(row[2]),
                SqlValues.instant(row[3]), row[4] == null ? null : ((Number) row[4]).longValue());
    }

    /** The next sequence to read, with the cursor row locked until the transaction ends. */
    public long lockNextSequence() {
        return ((Number) em.createNativeQuery("select next_sequence from population_feed_cursor where id = 1 for update")
                .getSingleResult()).longValue();
    }

    /** Moves the cursor past an event ({@code eventAt} the register's time, kept when null; {@code now} processing). */
    public void advance(long nextSequence, Instant eventAt, Instant now) {
        em.createNativeQuery("update population_feed_cursor set next_sequence = ?1, last_event_at = coalesce(?2, last_event_at), "
                        + "last_processed_at = ?3 where id = 1")
                .setParameter(1, nextSequence).setParameter(2, eventAt).setParameter(3, now).executeUpdate();
    }

    /** Records a successful poll and the register's latest sequence (kept when null). */
    public void polled(Instant at, Long registerLatest) {
        em.createNativeQuery(
                        "update population_feed_cursor set last_poll_at = ?1, register_latest = coalesce(?2, register_latest) where id = 1")
                .setParameter(1, at).setParameter(2, registerLatest).executeUpdate();
    }

    /** Sets the next sequence to read (replays are harmless). */
    public void rewind(long nextSequence) {
        em.createNativeQuery("update population_feed_cursor set next_sequence = ?1 where id = 1")
                .setParameter(1, nextSequence).executeUpdate();
    }

    /** Merge candidates whose two patrons both still exist, oldest first. */
    @SuppressWarnings("unchecked")
    public List<MergeCandidate> mergeCandidates() {
        List<Object[]> rows = em.createNativeQuery("select c.patron_id, c.other_id, c.detected_at from population_merge_candidate c "
                + "where exists (select 1 from patron p where p.id = c.patron_id) and exists (select 1 from patron p where p.id = c.other_id) "
                + "order by c.id").getResultList();
        return rows.stream().map(r -> new MergeCandidate((UUID) r[0], (UUID) r[1], SqlValues.instant(r[2]))).toList();
    }

    /** Flags a pair for merge; false when it was flagged before. */
    public boolean flagMergeCandidate(UUID patronId, UUID otherPatronId, Instant at) {
        return em.createNativeQuery("insert into population_merge_candidate (patron_id, other_id, detected_at) "
                        + "values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, patronId).setParameter(2, otherPatronId).setParameter(3, at).executeUpdate() > 0;
    }

    /** Whether a patron (any state) holds the identity number with this keyed hash. */
    public boolean isPatron(byte[] identityHash) {
        return !em.createNativeQuery("select 1 from patron where identity_hash = ?1").setParameter(1, identityHash)
                .getResultList().isEmpty();
    }

    /** ACTIVE patrons registered while the register did not answer, not yet reconciled. */
    public long unverifiedCount() {
        return ((Number) em.createNativeQuery(
                "select count(*) from patron where population_check = 'UNVERIFIED' and state = 'ACTIVE'").getSingleResult()).longValue();
    }

    /** Up to {@code limit} ACTIVE UNVERIFIED patrons, ordered by id. */
    @SuppressWarnings("unchecked")
    public List<Unverified> unverified(int limit) {
        List<Object[]> rows = em.createNativeQuery("select id, identity_key_id, identity_cipher from patron "
                        + "where population_check = 'UNVERIFIED' and state = 'ACTIVE' order by id limit ?1")
                .setParameter(1, limit).getResultList();
        return rows.stream().map(r -> new Unverified((UUID) r[0], (String) r[1], (byte[]) r[2])).toList();
    }

    /** Up to {@code limit} ids of DECEASED patrons recorded on or before {@code recordedBefore}, row-locked (skip locked). */
    @SuppressWarnings("unchecked")
    public List<UUID> lockDeceasedDue(Instant recordedBefore, int limit) {
        return em.createNativeQuery("select id from patron where state = 'DECEASED' and deceased_recorded_at <= ?1 "
                        + "order by id limit ?2 for update skip locked")
                .setParameter(1, recordedBefore).setParameter(2, limit).getResultList();
    }
}
