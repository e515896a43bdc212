package no.nb.bibliotekkortet.patron.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rows a patron's erasure reads and deletes (R20, R21): row locks on the patrons, their cards, libraries and
 * guardians' contacts, the deletion of everything held about them, and the erasure log (who, why, when; no
 * personal data). Callers hold the transaction.
 */
@ApplicationScoped
public class ErasureRepository {

    /** Where a child's notice can go: the guardian's declared (else registered) e-mail and mobile; either may be null. */
    public record GuardianContact(String email, String phone) {
    }

    private final EntityManager em;

    public ErasureRepository(EntityManager em) {
        this.em = em;
    }

    /** Locks (waiting for concurrent writers) and loads the patrons with these ids in {@code state}, ordered by id. */
    public List<Patron> lock(Collection<UUID> ids, Patron.State state) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select p from Patron p where p.id in :ids and p.state = :s order by p.id", Patron.class)
                .setParameter("ids", ids).setParameter("s", state)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /** Card numbers per patron (every state), ordered by number. */
    public Map<UUID, List<String>> cardNumbers(List<UUID> ids) {
        return grouped("select patron_id, card_number from card where patron_id in (:ids) order by card_number", ids);
    }

    /** Library numbers per patron (every state), ordered by number. */
    public Map<UUID, List<String>> libraryNumbers(List<UUID> ids) {
        return grouped("select patron_id, library_number from patron_library where patron_id in (:ids) order by library_number", ids);
    }

    /** Per child among {@code ids}: the first declared guardian's contact with an e-mail or phone (R22). */
    @SuppressWarnings("unchecked")
    public Map<UUID, GuardianContact> guardianContacts(List<UUID> ids) {
        Map<UUID, GuardianContact> out = new LinkedHashMap<>();
        List<Object[]> rows = em.createNativeQuery("select g.child_id, coalesce(g.guardian_email, gp.email), "
                        + "coalesce(g.guardian_phone, gp.phone_mobile) from guardianship g "
                        + "left join patron gp on gp.id = g.guardian_patron_id where g.child_id in (:ids) order by g.declared_at")
                .setParameter("ids", ids).getResultList();
        for (Object[] r : rows) {
            if (r[1] != null || r[2] != null) {
                out.putIfAbsent((UUID) r[0], new GuardianContact((String) r[1], (String) r[2]));
            }
        }
        return out;
    }

    /**
     * Deletes the patrons and every row about them: guardianships (as child, as guardian by id or identity hash),
     * library memberships, inactivity warnings; then flushes.
     */
    public void delete(List<Patron> patrons) {
        List<UUID> ids = patrons.stream().map(p -> p.id).toList();
        List<String> hashes = patrons.stream().map(p -> Base64.getEncoder().encodeToString(p.identityHash)).toList();
        em.createNativeQuery("delete from guardianship where child_id in (:ids) or guardian_patron_id in (:ids) "
                + "or encode(guardian_hash, 'base64') in (:hashes)").setParameter("ids", ids).setParameter("hashes", hashes).executeUpdate();
        em.createNativeQuery("delete from patron_library where patron_id in (:ids)").setParameter("ids", ids).executeUpdate();
        em.createNativeQuery("delete from inactivity_warning where patron_id in (:ids)").setParameter("ids", ids).executeUpdate();
        for (Patron p : patrons) {
            em.remove(p);
        }
        em.flush();
    }

    /** One erasure log row: the patron id, the cause's name, who erased, the recorded reason (or null), when. */
    public void log(UUID patronId, String cause, String erasedBy, String reason, Instant at) {
        em.createNativeQuery("insert into erasure_log (patron_id, cause, erased_by, reason, erased_at) values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, patronId).setParameter(2, cause).setParameter(3, erasedBy)
                .setParameter(4, reason).setParameter(5, at).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, List<String>> grouped(String sql, List<UUID> ids) {
        Map<UUID, List<String>> out = new LinkedHashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery(sql).setParameter("ids", ids).getResultList()) {
            out.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        return out;
    }
}
