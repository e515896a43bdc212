package no.nb.bibliotekkortet.auth.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import no.nb.bibliotekkortet.auth.domain.LockoutPolicy;

/** Failure counters and locks per patron; {@link #lockForUpdate} serialises concurrent attempts. */
@ApplicationScoped
public class LockoutRepository {

    private final EntityManager em;

    public LockoutRepository(EntityManager em) {
        this.em = em;
    }

    /** The current state without locking the row (clean when none is stored). */
    @SuppressWarnings("unchecked")
    public LockoutPolicy.State find(String patronId) {
        List<Object[]> rows = em.createNativeQuery("select consecutive_failures, lock_count, locked_until, hard_locked "
                + "from lockout where patron_id = ?1").setParameter(1, patronId).getResultList();
        return rows.isEmpty() ? LockoutPolicy.State.CLEAN : state(rows.get(0));
    }

    /** The current state, with the row locked until the transaction ends (created when missing). */
    @SuppressWarnings("unchecked")
    public LockoutPolicy.State lockForUpdate(String patronId, Instant now) {
        em.createNativeQuery("insert into lockout (patron_id, updated_at) values (?1, ?2) on conflict do nothing")
                .setParameter(1, patronId).setParameter(2, now).executeUpdate();
        List<Object[]> rows = em.createNativeQuery("select consecutive_failures, lock_count, locked_until, hard_locked "
                + "from lockout where patron_id = ?1 for update").setParameter(1, patronId).getResultList();
        return state(rows.get(0));
    }

    /** The current state with the row locked until the transaction ends; empty (nothing locked) when there is no row. */
    @SuppressWarnings("unchecked")
    public java.util.Optional<LockoutPolicy.State> findForUpdate(String patronId) {
        List<Object[]> rows = em.createNativeQuery("select consecutive_failures, lock_count, locked_until, hard_locked "
                + "from lockout where patron_id = ?1 for update").setParameter(1, patronId).getResultList();
        return rows.stream().findFirst().map(LockoutRepository::state);
    }

    /** Stores the state (the row must exist: call {@link #lockForUpdate} first). */
    public void save(String patronId, LockoutPolicy.State s, Instant now) {
        em.createNativeQuery("update lockout set consecutive_failures = ?2, lock_count = ?3, locked_until = ?4, "
                        + "hard_locked = ?5, updated_at = ?6 where patron_id = ?1")
                .setParameter(1, patronId).setParameter(2, s.consecutiveFailures()).setParameter(3, s.lockCount())
                .setParameter(4, s.lockedUntil() == null ? null : Timestamp.from(s.lockedUntil()))
                .setParameter(5, s.hardLocked()).setParameter(6, now).executeUpdate();
    }

    /** Deletes the lockout rows of these patrons (staff reset, erasure); returns the rows removed. */
    public int delete(List<String> patronIds) {
        return em.createNativeQuery("delete from lockout where patron_id = any(cast(?1 as varchar[]))")
                .setParameter(1, patronIds.toArray(String[]::new)).executeUpdate();
    }

    private static LockoutPolicy.State state(Object[] r) {
        return new LockoutPolicy.State(((Number) r[0]).intValue(), ((Number) r[1]).intValue(), instant(r[2]),
                (Boolean) r[3]);
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
