package no.nb.bibliotekkortet.patron.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Patrons, found by id, by the keyed hash of their identity number, or by card number. */
@ApplicationScoped
public class PatronRepository implements PanacheRepositoryBase<Patron, UUID> {

    /** The patron with this id, row-locked for the transaction (waits for concurrent writers); null when none. */
    public Patron lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Patrons not DELETED holding the identity number with this keyed hash, row-locked (waits for writers). */
    public List<Patron> lockLivingByIdentityHash(byte[] hash) {
        return find("identityHash = ?1 and state <> ?2", hash, Patron.State.DELETED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The patron whose identity number has this keyed hash (any state). */
    public Optional<Patron> findByIdentityHash(byte[] hash) {
        return find("identityHash", hash).firstResultOptional();
    }

    /** A patron with all its cards (ordered by card number), read in one query. */
    public record WithCards(Patron patron, List<Card> cards) {
    }

    /**
     * Makes the current transaction's session read-only (call it first in a transaction that only reads): entities it
     * loads keep no snapshot, are never dirty-checked, and nothing is flushed at commit. Only for a transaction of its
     * own ({@code REQUIRES_NEW} or an entry point): in a transaction that also writes, its changes would be lost.
     */
    public void readOnlyTransaction() {
        org.hibernate.Session session = getEntityManager().unwrap(org.hibernate.Session.class);
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(org.hibernate.FlushMode.MANUAL);
    }

    /** The patron holding this card number (any card state) with all its cards, in one query; empty when none. */
    public Optional<WithCards> findWithCardsByCardNumber(String cardNumber) {
        return withCards(getEntityManager().createQuery(
                        "select p, c from Patron p join Card c on c.patronId = p.id"
                                + " where p.id = (select c2.patronId from Card c2 where c2.cardNumber = :n)"
                                + " order by c.cardNumber", Object[].class)
                .setParameter("n", cardNumber).getResultList());
    }

    /** The patron with this identity number's keyed hash (any state) with all its cards, in one query; empty when none. */
    public Optional<WithCards> findWithCardsByIdentityHash(byte[] hash) {
        return withCards(getEntityManager().createQuery(
                        "select p, c from Patron p left join Card c on c.patronId = p.id where p.identityHash = :h"
                                + " order by c.cardNumber", Object[].class)
                .setParameter("h", hash).getResultList());
    }

    /** Rows (patron, card or null) of one patron into the patron and its cards. */
    private static Optional<WithCards> withCards(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Card> cards = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            if (row[1] != null) {
                cards.add((Card) row[1]);
            }
        }
        return Optional.of(new WithCards((Patron) rows.get(0)[0], cards));
    }

    /** The patron holding this card number (any card state). */
    public Optional<Patron> findByCardNumber(String cardNumber) {
        return getEntityManager().createQuery(
                        "select p from Patron p, Card c where c.patronId = p.id and c.cardNumber = :n", Patron.class)
                .setParameter("n", cardNumber).getResultStream().findFirst();
    }

    /**
     * Owners of these card numbers (card not DELETED, patron ACTIVE): card number → patron id; numbers nobody
     * living holds are absent. A number retired while its account lives on resolves to its account (R1).
     */
    @SuppressWarnings("unchecked")
    public Map<String, UUID> ownersOfLivingCards(Collection<String> cardNumbers) {
        Map<String, UUID> owners = new HashMap<>();
        if (cardNumbers.isEmpty()) {
            return owners;
        }
        List<Object[]> rows = getEntityManager().createNativeQuery("select c.card_number, c.patron_id from card c "
                        + "join patron p on p.id = c.patron_id "
                        + "where c.card_number = any(cast(?1 as varchar(10)[])) and c.state <> 'DELETED' and p.state = 'ACTIVE'")
                .setParameter(1, "{" + String.join(",", cardNumbers) + "}").getResultList();
        for (Object[] r : rows) {
            owners.put((String) r[0], (UUID) r[1]);
        }
        return owners;
    }

    /**
     * Moves each patron's last activity forward to the given time, never back (R21), in one statement; unknown
     * ids are ignored.
     */
    public void moveLastActivityForward(Map<UUID, Instant> latestPerPatron) {
        if (latestPerPatron.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        List<String> ats = new ArrayList<>();
        latestPerPatron.forEach((id, at) -> {
            ids.add(id.toString());
            ats.add(at.toString());
        });
        getEntityManager().createNativeQuery("""
                        update patron p set last_activity_at = v.at
                        from (select unnest(cast(?1 as uuid[])) as id, unnest(cast(?2 as timestamptz[])) as at) v
                        where p.id = v.id and (p.last_activity_at is null or p.last_activity_at < v.at)""")
                .setParameter(1, "{" + String.join(",", ids) + "}").setParameter(2, "{" + String.join(",", ats) + "}")
                .executeUpdate();
    }
}
