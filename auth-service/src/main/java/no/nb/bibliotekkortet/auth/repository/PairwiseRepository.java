package no.nb.bibliotekkortet.auth.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Subjects handed out by partner verifications, so that a recent one may stand in for card + PIN. */
@ApplicationScoped
public class PairwiseRepository {

    /** A recent verification: the patron and the card it used. */
    public record Verified(String patronId, String cardNumber) {
    }

    private final EntityManager em;

    public PairwiseRepository(EntityManager em) {
        this.em = em;
    }

    /** Records (or refreshes) that {@code subject} of {@code partnerId} verified at {@code at}. */
    public void record(String partnerId, String subject, String patronId, String cardNumber, Instant at) {
        em.createNativeQuery("insert into pairwise_verification (partner_id, subject, patron_id, card_number, verified_at) "
                        + "values (?1, ?2, ?3, ?4, ?5) on conflict (partner_id, subject) do update set "
                        + "card_number = excluded.card_number, verified_at = excluded.verified_at")
                .setParameter(1, partnerId).setParameter(2, subject).setParameter(3, patronId)
                .setParameter(4, cardNumber).setParameter(5, at).executeUpdate();
    }

    /** The verification of {@code subject} by {@code partnerId} at or after {@code notBefore}, if any. */
    @SuppressWarnings("unchecked")
    public Optional<Verified> findSince(String partnerId, String subject, Instant notBefore) {
        List<Object[]> rows = em.createNativeQuery("select patron_id, card_number from pairwise_verification "
                        + "where partner_id = ?1 and subject = ?2 and verified_at >= ?3")
                .setParameter(1, partnerId).setParameter(2, subject).setParameter(3, notBefore).getResultList();
        return rows.stream().findFirst().map(r -> new Verified((String) r[0], (String) r[1]));
    }

    /** A recent verification with the patron's lock state now (clean when the patron has no lockout row). */
    public record VerifiedNow(Verified verified, no.nb.bibliotekkortet.auth.domain.LockoutPolicy.State lock) {
    }

    /**
     * {@link #findSince} and the patron's lock state in one query (an age check by subject: issue 20).
     *
     * @return empty when {@code subject} of {@code partnerId} did not verify at or after {@code notBefore}
     */
    @SuppressWarnings("unchecked")
    public Optional<VerifiedNow> findSinceWithLock(String partnerId, String subject, Instant notBefore) {
        List<Object[]> rows = em.createNativeQuery("select p.patron_id, p.card_number, l.consecutive_failures, "
                        + "l.lock_count, l.locked_until, l.hard_locked from pairwise_verification p "
                        + "left join lockout l on l.patron_id = p.patron_id "
                        + "where p.partner_id = ?1 and p.subject = ?2 and p.verified_at >= ?3")
                .setParameter(1, partnerId).setParameter(2, subject).setParameter(3, notBefore).getResultList();
        return rows.stream().findFirst().map(r -> new VerifiedNow(new Verified((String) r[0], (String) r[1]),
                r[2] == null ? no.nb.bibliotekkortet.auth.domain.LockoutPolicy.State.CLEAN
                        : new no.nb.bibliotekkortet.auth.domain.LockoutPolicy.State(((Number) r[2]).intValue(),
                        ((Number) r[3]).intValue(), LockoutRepository.instant(r[4]), (Boolean) r[5])));
    }

    /** Deletes the subjects of these patrons; returns the rows removed. */
    public int delete(List<String> patronIds) {
        return em.createNativeQuery("delete from pairwise_verification where patron_id = any(cast(?1 as varchar[]))")
                .setParameter(1, patronIds.toArray(String[]::new)).executeUpdate();
    }
}
