package no.nb.bibliotekkortet.auth.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Counters for the per-client spray limit and the per-patron-and-partner age-check limit. */
@ApplicationScoped
public class RateLimitRepository {

    private final EntityManager em;

    public RateLimitRepository(EntityManager em) {
        this.em = em;
    }

    /** Failed verifications of {@code clientId} in the window starting at {@code windowStart}. */
    @SuppressWarnings("unchecked")
    public int clientFailures(String clientId, Instant windowStart) {
        List<Number> rows = em.createNativeQuery("select failures from client_failure_window "
                        + "where client_id = ?1 and window_start = ?2")
                .setParameter(1, clientId).setParameter(2, windowStart).getResultList();
        return rows.isEmpty() ? 0 : rows.get(0).intValue();
    }

    /** Adds one failure of {@code clientId} to the window and drops windows older than {@code keepAfter}. */
    public void addClientFailure(String clientId, Instant windowStart, Instant keepAfter) {
        em.createNativeQuery("insert into client_failure_window (client_id, window_start, failures) values (?1, ?2, 1) "
                        + "on conflict (client_id, window_start) do update set failures = client_failure_window.failures + 1")
                .setParameter(1, clientId).setParameter(2, windowStart).executeUpdate();
        em.createNativeQuery("delete from client_failure_window where client_id = ?1 and window_start < ?2")
                .setParameter(1, clientId).setParameter(2, keepAfter).executeUpdate();
    }

    /** Counts one more age check of the patron by the partner on {@code day}; returns the new count. */
    public int addAgeCheck(String patronId, String partnerId, LocalDate day) {
        Object n = em.createNativeQuery("insert into age_check_count (patron_id, partner_id, day, checks) "
                        + "values (?1, ?2, ?3, 1) on conflict (patron_id, partner_id, day) "
                        + "do update set checks = age_check_count.checks + 1 returning checks")
                .setParameter(1, patronId).setParameter(2, partnerId).setParameter(3, day).getSingleResult();
        return ((Number) n).intValue();
    }

    /** Deletes the age-check counters of these patrons; returns the rows removed. */
    public int deleteAgeChecks(List<String> patronIds) {
        return em.createNativeQuery("delete from age_check_count where patron_id = any(cast(?1 as varchar[]))")
                .setParameter(1, patronIds.toArray(String[]::new)).executeUpdate();
    }
}
