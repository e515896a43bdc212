package no.nb.bibliotekkortet.patron.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
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
}
