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

    /** Deletes the subjects of these patrons; returns the rows removed. */
    public int delete(List<String> patronIds) {
        return em.createNativeQuery("delete from pairwise_verification where patron_id = any(cast(?1 as varchar[]))")
                .setParameter(1, patronIds.toArray(String[]::new)).executeUpdate();
    }
}
