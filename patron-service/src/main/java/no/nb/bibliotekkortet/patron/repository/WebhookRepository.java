package no.nb.bibliotekkortet.patron.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Libraries' webhooks and their queue of deliveries (push of the change feed, R15). A queued delivery is served
 * only once its transaction is older than every running one ({@code pg_snapshot_xmin}), in (transaction id,
 * change id) order; a library's webhook row is locked with {@code for update skip locked} so that one replica
 * at a time delivers for it. Callers hold the transaction.
 */
@ApplicationScoped
public class WebhookRepository {

    /**
     * A registered webhook with its backlog: {@code pendingDeliveries} (count), {@code oldestPendingSince} and the
     * oldest queued delivery's {@code lastError} (null when none), and the suspension (null while active).
     */
    public record Stored(String url, Instant createdAt, Instant updatedAt, long pendingDeliveries,
                         Instant oldestPendingSince, String lastError, Instant suspendedAt, String suspendedReason) {
    }

    /** An active webhook's URL and its sealed secret as stored. */
    public record Target(String url, String sealedSecret) {
    }

    /** A queued delivery: whether its next attempt is due, and its age in milliseconds since it was queued. */
    public record Delivery(long id, long changeId, int attempts, boolean due, long ageMillis) {
    }

    /** The whole queue: how many deliveries, and the oldest one's age in seconds (0 when empty). */
    public record Backlog(long pending, long oldestAgeSeconds) {
    }

    private final EntityManager em;

    public WebhookRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Registers or replaces the library's webhook (resuming a suspended one).
     *
     * @return true when the library had none before
     */
    public boolean register(String libraryNumber, String clientId, String url, String sealedSecret, Instant at) {
        int existing = em.createNativeQuery("update webhook set url = ?1, secret = ?2, client_id = ?3, updated_at = ?4, "
                        + "suspended_at = null, suspended_reason = null where library_number = ?5")
                .setParameter(1, url).setParameter(2, sealedSecret).setParameter(3, clientId).setParameter(4, at)
                .setParameter(5, libraryNumber).executeUpdate();
        if (existing == 0) {
            em.createNativeQuery("insert into webhook (library_number, client_id, url, secret, created_at) "
                            + "values (?1, ?2, ?3, ?4, ?5) on conflict (library_number) do update set url = excluded.url, "
                            + "secret = excluded.secret, client_id = excluded.client_id, updated_at = excluded.created_at, "
                            + "suspended_at = null, suspended_reason = null")
                    .setParameter(1, libraryNumber).setParameter(2, clientId).setParameter(3, url)
                    .setParameter(4, sealedSecret).setParameter(5, at).executeUpdate();
        }
        return existing == 0;
    }

    /** The library's webhook with its backlog (never the secret). */
    @SuppressWarnings("unchecked")
    public Optional<Stored> find(String libraryNumber) {
        List<Object[]> rows = em.createNativeQuery("""
                        select w.url, w.created_at, w.updated_at,
                               (select count(*) from webhook_delivery d where d.library_number = w.library_number),
                               (select min(d.created_at) from webhook_delivery d where d.library_number = w.library_number),
                               (select d.last_error from webhook_delivery d where d.library_number = w.library_number
                                  and d.last_error is not null order by d.xact_id, d.change_id limit 1),
                               w.suspended_at, w.suspended_reason
                        from webhook w where w.library_number = ?1""")
                .setParameter(1, libraryNumber).getResultList();
        return rows.stream().findFirst().map(r -> new Stored((String) r[0], SqlValues.instant(r[1]),
                SqlValues.instant(r[2]), ((Number) r[3]).longValue(), SqlValues.instant(r[4]), (String) r[5],
                SqlValues.instant(r[6]), (String) r[7]));
    }

    /** Removes the library's webhook and its queue; false when none was registered. */
    public boolean delete(String libraryNumber) {
        return em.createNativeQuery("delete from webhook where library_number = ?1").setParameter(1, libraryNumber)
                .executeUpdate() > 0;
    }

    /** Libraries with a delivery whose next attempt is due. */
    @SuppressWarnings("unchecked")
    public List<String> librariesDue() {
        return em.createNativeQuery("select distinct library_number from webhook_delivery where next_attempt_at <= now()")
                .getResultList();
    }

    /** The library's webhook when active, row-locked; empty when locked by another replica, deleted or suspended. */
    @SuppressWarnings("unchecked")
    public Optional<Target> lockActive(String libraryNumber) {
        List<Object[]> rows = em.createNativeQuery(
                        "select url, secret from webhook where library_number = ?1 and suspended_at is null for update skip locked")
                .setParameter(1, libraryNumber).getResultList();
        return rows.stream().findFirst().map(r -> new Target((String) r[0], (String) r[1]));
    }

    /** Up to {@code limit} of the library's servable deliveries, in feed order. */
    @SuppressWarnings("unchecked")
    public List<Delivery> queued(String libraryNumber, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        select id, change_id, attempts, next_attempt_at <= now(),
                               extract(epoch from now() - created_at) * 1000
                        from webhook_delivery
                        where library_number = ?1 and xact_id < pg_snapshot_xmin(pg_current_snapshot())
                        order by xact_id, change_id
                        limit ?2""")
                .setParameter(1, libraryNumber).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new Delivery(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                ((Number) r[2]).intValue(), Boolean.TRUE.equals(r[3]), ((Number) r[4]).longValue())).toList();
    }

    /**
     * Records a failed attempt: the attempt count, the next attempt after {@code retryInMillis}, the reason, and
     * the start of the failures (kept from the first).
     *
     * @return true when the delivery has been failing for at least {@code suspendAfterMillis}
     */
    public boolean failed(long id, int attempts, long retryInMillis, String reason, long suspendAfterMillis) {
        return (Boolean) em.createNativeQuery("update webhook_delivery set attempts = ?1, "
                        + "next_attempt_at = now() + cast(?2 as bigint) * interval '1 millisecond', last_error = ?3, "
                        + "failing_since = coalesce(failing_since, now()) where id = ?4 "
                        + "returning failing_since <= now() - cast(?5 as bigint) * interval '1 millisecond'")
                .setParameter(1, attempts).setParameter(2, retryInMillis)
                .setParameter(3, reason).setParameter(4, id).setParameter(5, suspendAfterMillis)
                .getSingleResult();
    }

    /** Suspends the library's webhook with the reason and drops its queue; returns how many deliveries were dropped. */
    public int suspend(String libraryNumber, String reason) {
        em.createNativeQuery("update webhook set suspended_at = now(), suspended_reason = ?1 where library_number = ?2")
                .setParameter(1, reason).setParameter(2, libraryNumber).executeUpdate();
        return em.createNativeQuery("delete from webhook_delivery where library_number = ?1")
                .setParameter(1, libraryNumber).executeUpdate();
    }

    /** Removes one delivery (delivered, or its change is gone). */
    public void deleteDelivery(long id) {
        em.createNativeQuery("delete from webhook_delivery where id = ?1").setParameter(1, id).executeUpdate();
    }

    /** The size and age of the whole queue. */
    public Backlog backlog() {
        Object[] row = (Object[]) em.createNativeQuery(
                        "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from webhook_delivery")
                .getSingleResult();
        return new Backlog(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }
}
