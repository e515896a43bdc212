package no.nb.bibliotekkortet.patron.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/**
 * patron-service's read-only copy of each patron's libraries (ARCHITECTURE.md): fed by membership-service's
 * outbox through {@code POST /internal/v1/membership-changes}; the registration's own membership is written
 * in the registration transaction.
 */
@ApplicationScoped
public class PatronLibraryRepository {

    /** One membership in the copy; {@code state} as membership-service names it (ACTIVE or PENDING_ACTIVATION). */
    public record PatronLibrary(String libraryNumber, String state, boolean home, long version) {
        public boolean active() {
            return "ACTIVE".equals(state);
        }
    }

    private final EntityManager em;

    public PatronLibraryRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Applies one change when its version is newer than the stored one (older and equal versions are ignored,
     * so redelivery is harmless). A newer {@code home = true} clears the home flag of the patron's other libraries.
     *
     * @return true when the change was applied
     */
    public boolean apply(UUID patronId, String libraryNumber, String state, boolean home, long version) {
        int changed = em.createNativeQuery("""
                        insert into patron_library (patron_id, library_number, state, home, version)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict (patron_id, library_number) do update
                        set state = excluded.state, home = excluded.home, version = excluded.version
                        where patron_library.version < excluded.version""")
                .setParameter(1, patronId).setParameter(2, libraryNumber).setParameter(3, state)
                .setParameter(4, home).setParameter(5, version).executeUpdate();
        if (changed > 0 && home) {
            em.createNativeQuery("update patron_library set home = false where patron_id = ?1 and library_number <> ?2 and home")
                    .setParameter(1, patronId).setParameter(2, libraryNumber).executeUpdate();
        }
        return changed > 0;
    }

    /**
     * Drops a membership that no longer exists (membership-service's {@code REMOVED}, e.g. moved away in a merge)
     * when {@code version} is newer than the stored one.
     *
     * @return true when a row was dropped
     */
    public boolean remove(UUID patronId, String libraryNumber, long version) {
        return em.createNativeQuery("delete from patron_library where patron_id = ?1 and library_number = ?2 and version < ?3")
                .setParameter(1, patronId).setParameter(2, libraryNumber).setParameter(3, version).executeUpdate() > 0;
    }

    /** The patron's library numbers (every state), ordered. */
    @SuppressWarnings("unchecked")
    public List<String> libraryNumbers(UUID patronId) {
        return em.createNativeQuery("select library_number from patron_library where patron_id = ?1 order by library_number")
                .setParameter(1, patronId).getResultList();
    }

    /**
     * Serialises changes of one patron's copy for the rest of the transaction (a transaction-scoped advisory lock on
     * the patron id), so that concurrent outbox batches for the same patron apply one after the other.
     */
    public void lockPatron(UUID patronId) {
        em.createNativeQuery("select 1 from pg_advisory_xact_lock(?1)")
                .setParameter(1, patronId.getMostSignificantBits() ^ patronId.getLeastSignificantBits()).getSingleResult();
    }

    /** The patron's libraries, ordered by library number. */
    @SuppressWarnings("unchecked")
    public List<PatronLibrary> of(UUID patronId) {
        List<Object[]> rows = em.createNativeQuery(
                        "select library_number, state, home, version from patron_library where patron_id = ?1 order by library_number")
                .setParameter(1, patronId).getResultList();
        return rows.stream().map(r -> new PatronLibrary((String) r[0], (String) r[1], (Boolean) r[2],
                ((Number) r[3]).longValue())).toList();
    }

    /** The libraries of several patrons in one query, per patron ordered by library number (none: absent). */
    @SuppressWarnings("unchecked")
    public java.util.Map<UUID, List<PatronLibrary>> of(java.util.Collection<UUID> patronIds) {
        java.util.Map<UUID, List<PatronLibrary>> byPatron = new java.util.HashMap<>();
        if (patronIds.isEmpty()) {
            return byPatron;
        }
        List<Object[]> rows = em.createNativeQuery("select patron_id, library_number, state, home, version from patron_library "
                        + "where patron_id = any(?1) order by patron_id, library_number")
                .setParameter(1, patronIds.toArray(UUID[]::new)).getResultList();
        for (Object[] r : rows) {
            byPatron.computeIfAbsent((UUID) r[0], k -> new java.util.ArrayList<>()).add(new PatronLibrary((String) r[1],
                    (String) r[2], (Boolean) r[3], ((Number) r[4]).longValue()));
        }
        return byPatron;
    }
}
