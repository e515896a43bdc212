package no.nb.bibliotekkortet.auth.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import no.nb.bibliotekkortet.auth.domain.OneTimeCodePolicy;
import no.nb.bibliotekkortet.auth.domain.Purpose;

/** One-time codes (hashes only); queries only, callers own the transaction. */
@ApplicationScoped
public class OneTimeCodeRepository {

    private final EntityManager em;

    public OneTimeCodeRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Serialises code requests of one patron until the transaction ends (transaction-scoped advisory lock),
     * so that two concurrent requests cannot both pass the hourly limit.
     */
    public void lockPatron(String patronId) {
        em.createNativeQuery("select cast(pg_advisory_xact_lock(hashtextextended('otp:' || ?1, 0)) as varchar)")
                .setParameter(1, patronId).getSingleResult();
    }

    /** Creation times of the patron's codes created at or after {@code since}, oldest first. */
    @SuppressWarnings("unchecked")
    public List<Instant> createdSince(String patronId, Instant since) {
        List<Object> rows = em.createNativeQuery("select created_at from one_time_code where patron_id = ?1 "
                        + "and created_at >= ?2 order by created_at")
                .setParameter(1, patronId).setParameter(2, Timestamp.from(since)).getResultList();
        return rows.stream().map(LockoutRepository::instant).toList();
    }

    /** Stores a new code (its hash). */
    public void insert(UUID otpId, String patronId, Purpose purpose, String channel, byte[] codeHash, Instant now,
                       Instant expiresAt) {
        em.createNativeQuery("insert into one_time_code (otp_id, patron_id, purpose, channel, code_hash, created_at, "
                        + "expires_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, otpId).setParameter(2, patronId).setParameter(3, purpose.code())
                .setParameter(4, channel).setParameter(5, codeHash).setParameter(6, Timestamp.from(now))
                .setParameter(7, Timestamp.from(expiresAt)).executeUpdate();
    }

    /** The stored code with its row locked until the transaction ends; empty for an unknown id. */
    @SuppressWarnings("unchecked")
    public Optional<OneTimeCodePolicy.Stored> findForUpdate(UUID otpId) {
        List<Object[]> rows = em.createNativeQuery("select otp_id, patron_id, purpose, code_hash, expires_at, wrong_tries, "
                + "consumed_at from one_time_code where otp_id = ?1 for update").setParameter(1, otpId).getResultList();
        return rows.stream().findFirst().map(r -> new OneTimeCodePolicy.Stored((UUID) r[0], (String) r[1],
                Purpose.ofCode((String) r[2]).orElseThrow(), (byte[]) r[3], LockoutRepository.instant(r[4]),
                ((Number) r[5]).intValue(), LockoutRepository.instant(r[6])));
    }

    /** Adds one wrong try. */
    public void addWrongTry(UUID otpId) {
        em.createNativeQuery("update one_time_code set wrong_tries = wrong_tries + 1 where otp_id = ?1")
                .setParameter(1, otpId).executeUpdate();
    }

    /** Marks the code used. */
    public void markConsumed(UUID otpId, Instant now) {
        em.createNativeQuery("update one_time_code set consumed_at = ?2 where otp_id = ?1")
                .setParameter(1, otpId).setParameter(2, Timestamp.from(now)).executeUpdate();
    }

    /** Deletes codes created before {@code cutoff}; returns the rows removed. */
    public int deleteCreatedBefore(Instant cutoff) {
        return em.createNativeQuery("delete from one_time_code where created_at < ?1")
                .setParameter(1, Timestamp.from(cutoff)).executeUpdate();
    }

    /** Deletes the codes of these patrons (erasure); returns the rows removed. */
    public int delete(List<String> patronIds) {
        return em.createNativeQuery("delete from one_time_code where patron_id = any(cast(?1 as varchar[]))")
                .setParameter(1, patronIds.toArray(String[]::new)).executeUpdate();
    }
}
