package no.nb.bibliotekkortet.auth.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Counters for the guessing budget (failed verifications per client and end-user address) and the age-check limit. */
@ApplicationScoped
public class RateLimitRepository {

    private final EntityManager em;

    public RateLimitRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Failed verifications counted in one window.
     *
     * @param subject     {@code client:<id>} or {@code address:<client id>:<address>}
     * @param span        {@code m}, {@code h} or {@code d}
     * @param windowStart the window's start (UTC, truncated to its span)
     * @return the count, 0 when none
     */
    @SuppressWarnings("unchecked")
    public int failures(String subject, char span, Instant windowStart) {
        List<Number> rows = em.createNativeQuery("select failures from failure_window "
                        + "where subject = ?1 and span = ?2 and window_start = ?3")
                .setParameter(1, subject).setParameter(2, String.valueOf(span)).setParameter(3, windowStart).getResultList();
        return rows.isEmpty() ? 0 : rows.get(0).intValue();
    }

    /** Adds one failure to the subject's window (upsert). */
    public void addFailure(String subject, char span, Instant windowStart) {
        em.createNativeQuery("insert into failure_window (subject, span, window_start, failures) values (?1, ?2, ?3, 1) "
                        + "on conflict (subject, span, window_start) do update set failures = failure_window.failures + 1")
                .setParameter(1, subject).setParameter(2, String.valueOf(span)).setParameter(3, windowStart).executeUpdate();
    }

    /** Drops every window that started before {@code before}; returns the rows removed. */
    public int dropWindowsBefore(Instant before) {
        return em.createNativeQuery("delete from failure_window where window_start < ?1")
                .setParameter(1, before).executeUpdate();
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
