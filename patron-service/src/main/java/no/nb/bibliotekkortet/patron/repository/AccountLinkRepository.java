package no.nb.bibliotekkortet.patron.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Links between accounts (R13): a library's local card numbers as aliases of a national account
 * ({@code card_alias}), and the rows that move when two national accounts of one person are merged.
 * Callers hold the transaction (and the row locks on the patrons).
 */
@ApplicationScoped
public class AccountLinkRepository {

    private final EntityManager em;

    public AccountLinkRepository(EntityManager em) {
        this.em = em;
    }

    /** The patron a library's local card number is linked to (scoped to that library). */
    @SuppressWarnings("unchecked")
    public Optional<UUID> aliasOwner(String libraryNumber, String localNumber) {
        List<Object> rows = em.createNativeQuery("select patron_id from card_alias where library_number = ?1 and local_number = ?2")
                .setParameter(1, libraryNumber).setParameter(2, localNumber).getResultList();
        return rows.stream().findFirst().map(o -> (UUID) o);
    }

    /** Links the local card number; false when (library, local number) is already linked (to anyone). */
    public boolean link(String libraryNumber, String localNumber, UUID patronId, Instant at) {
        return em.createNativeQuery("insert into card_alias (library_number, local_number, patron_id, linked_at) "
                        + "values (?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, libraryNumber).setParameter(2, localNumber).setParameter(3, patronId).setParameter(4, at)
                .executeUpdate() > 0;
    }

    /**
     * Moves what belongs to {@code source} to {@code target}: cards, local card aliases, guardianships (as child;
     * a relationship the target already has wins) and guardianships as guardian (by id and identity hash).
     */
    public void moveToTarget(UUID target, byte[] targetHash, UUID source, byte[] sourceHash) {
        exec("update card set patron_id = ?1 where patron_id = ?2", target, source);
        exec("update card_alias set patron_id = ?1 where patron_id = ?2", target, source);
        exec("delete from guardianship g where g.child_id = ?2 and exists (select 1 from guardianship x "
                + "where x.child_id = ?1 and x.guardian_hash = g.guardian_hash)", target, source);
        exec("update guardianship set child_id = ?1 where child_id = ?2", target, source);
        em.createNativeQuery("delete from guardianship g where g.guardian_hash = ?2 and exists (select 1 from guardianship x "
                        + "where x.child_id = g.child_id and x.guardian_hash = ?1)")
                .setParameter(1, targetHash).setParameter(2, sourceHash).executeUpdate();
        em.createNativeQuery("update guardianship set guardian_hash = ?1, guardian_patron_id = ?3 "
                        + "where guardian_hash = ?2 or guardian_patron_id = ?4")
                .setParameter(1, targetHash).setParameter(2, sourceHash).setParameter(3, target)
                .setParameter(4, source).executeUpdate();
    }

    /** Drops the merged-away account's library rows (the target's copy is updated from membership-service). */
    public void dropLibraries(UUID source) {
        em.createNativeQuery("delete from patron_library where patron_id = ?1").setParameter(1, source).executeUpdate();
    }

    /** Writes pending entity changes, deletes the merged-away patron row, and detaches every loaded entity. */
    public void deleteMergedAccount(UUID source) {
        em.flush();
        em.createNativeQuery("delete from patron where id = ?1").setParameter(1, source).executeUpdate();
        em.clear();
    }

    private void exec(String sql, UUID a, UUID b) {
        em.createNativeQuery(sql).setParameter(1, a).setParameter(2, b).executeUpdate();
    }
}
