package no.nb.bibliotekkortet.patron.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Patrons, found by id, by the keyed hash of their identity number, or by card number. */
@ApplicationScoped
public class PatronRepository implements PanacheRepositoryBase<Patron, UUID> {

    /** The patron whose identity number has this keyed hash (any state). */
    public Optional<Patron> findByIdentityHash(byte[] hash) {
        return find("identityHash", hash).firstResultOptional();
    }

    /** The patron holding this card number (any card state). */
    public Optional<Patron> findByCardNumber(String cardNumber) {
        return getEntityManager().createQuery(
                        "select p from Patron p, Card c where c.patronId = p.id and c.cardNumber = :n", Patron.class)
                .setParameter("n", cardNumber).getResultStream().findFirst();
    }

    /**
     * Moves the last activity forward only (R21).
     *
     * @return true when the patron exists (whether or not the time moved)
     */
    public boolean recordActivity(UUID patronId, Instant at) {
        getEntityManager().createNativeQuery(
                        "update patron set last_activity_at = ?2 where id = ?1 and (last_activity_at is null or last_activity_at < ?2)")
                .setParameter(1, patronId).setParameter(2, at).executeUpdate();
        return findByIdOptional(patronId).isPresent();
    }
}
