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
}
