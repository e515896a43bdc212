package no.nb.bibliotekkortet.patron.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Card numbers of patrons. */
@ApplicationScoped
public class CardRepository implements PanacheRepositoryBase<Card, String> {

    /** A patron's cards, ordered by card number. */
    public List<Card> ofPatron(UUID patronId) {
        return list("patronId = ?1 order by cardNumber", patronId);
    }

    /** The cards of several patrons in one query, per patron ordered by card number (patrons without cards absent). */
    public java.util.Map<UUID, List<Card>> ofPatrons(java.util.Collection<UUID> patronIds) {
        java.util.Map<UUID, List<Card>> byPatron = new java.util.HashMap<>();
        if (!patronIds.isEmpty()) {
            list("patronId in ?1 order by cardNumber", patronIds)
                    .forEach(c -> byPatron.computeIfAbsent(c.patronId, k -> new java.util.ArrayList<>()).add(c));
        }
        return byPatron;
    }

    /** Whether any patron holds or has held this card number (any state: a retired number still resolves, R1). */
    public boolean isHeld(String cardNumber) {
        return count("cardNumber", cardNumber) > 0;
    }

    /**
     * Marks a card retired (state REPLACED with the reason's name, who and when): writes pending entity changes
     * first and detaches every loaded entity after (the bulk update bypasses them).
     */
    public void retire(String cardNumber, String reason, String by, Instant at) {
        flush();
        getEntityManager().createNativeQuery("update card set state = 'REPLACED', retired_reason = ?2, retired_at = ?3, retired_by = ?4 "
                        + "where card_number = ?1").setParameter(1, cardNumber).setParameter(2, reason)
                .setParameter(3, at).setParameter(4, by).executeUpdate();
        getEntityManager().clear();
    }
}
