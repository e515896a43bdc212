package no.nb.bibliotekkortet.notification.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Queries over notifications; the claim and insert are native PostgreSQL for locking and races. */
@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    /**
     * Inserts {@code n} unless a notification with the same caller and idempotency key exists
     * ({@code on conflict do nothing}, race-free across instances), then returns the id stored for that key.
     */
    public UUID insertIfAbsent(Notification n) {
        getEntityManager().createNativeQuery("""
                insert into notification (id, requested_by, idempotency_key, template, channel, language, patron_id,
                    email, phone, params, status, attempts, next_attempt_at, created_at)
                values (:id, :requestedBy, :key, :template, :channel, :language, :patronId, :email, :phone, :params,
                    'QUEUED', 0, :next, :created)
                on conflict (requested_by, idempotency_key) do nothing""")
                .setParameter("id", n.id)
                .setParameter("requestedBy", n.requestedBy)
                .setParameter("key", n.idempotencyKey)
                .setParameter("template", n.template)
                .setParameter("channel", n.channel.name())
                .setParameter("language", n.language)
                .setParameter("patronId", n.patronId)
                .setParameter("email", n.email)
                .setParameter("phone", n.phone)
                .setParameter("params", n.params)
                .setParameter("next", Timestamp.from(n.nextAttemptAt))
                .setParameter("created", Timestamp.from(n.createdAt))
                .executeUpdate();
        return (UUID) getEntityManager().createNativeQuery(
                        "select id from notification where requested_by = :requestedBy and idempotency_key = :key", UUID.class)
                .setParameter("requestedBy", n.requestedBy)
                .setParameter("key", n.idempotencyKey)
                .getSingleResult();
    }

    /**
     * Locks up to {@code limit} due notifications that no other worker holds ({@code FOR UPDATE SKIP
     * LOCKED}): queued or failed-will-retry with {@code next_attempt_at <= now}, or sending whose claim
     * expired (the worker that held it died). Must run in a transaction that then marks them SENDING.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> lockDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                select id from notification
                where (status in ('QUEUED', 'FAILED_WILL_RETRY') and next_attempt_at <= :now)
                   or (status = 'SENDING' and claimed_until <= :now)
                order by next_attempt_at
                limit :limit
                for update skip locked""", UUID.class)
                .setParameter("now", Timestamp.from(now))
                .setParameter("limit", limit)
                .getResultList();
    }

    /** The notification with {@code id}, or empty. */
    public Optional<Notification> byId(UUID id) {
        return findByIdOptional(id);
    }

    /** Notifications whose personal data is due for erasure ({@code erase_after <= now}), oldest first. */
    public List<Notification> dueForErasure(Instant now, int limit) {
        return find("erasedAt is null and eraseAfter <= ?1 order by eraseAfter", now).page(0, limit)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Notifications about the given patrons that still hold personal data, locked for this transaction. */
    public List<Notification> holdingDataOf(Collection<String> patronIds) {
        if (patronIds.isEmpty()) {
            return List.of();
        }
        return find("erasedAt is null and patronId in ?1", patronIds)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * How many notifications still hold personal data matching any of the patron ids, e-mail addresses
     * (case-insensitive) or E.164 phone numbers.
     */
    public long countHolding(Collection<String> patronIds, Collection<String> emailsLowerCase, Collection<String> phones) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (!patronIds.isEmpty()) {
            conditions.add("patronId in :ids");
            params.put("ids", patronIds);
        }
        if (!emailsLowerCase.isEmpty()) {
            conditions.add("lower(email) in :emails");
            params.put("emails", emailsLowerCase);
        }
        if (!phones.isEmpty()) {
            conditions.add("phone in :phones");
            params.put("phones", phones);
        }
        if (conditions.isEmpty()) {
            return 0;
        }
        return count("erasedAt is null and (" + String.join(" or ", conditions) + ")", params);
    }

    /** Queue statistics per requested channel and template: rows not yet final, and the oldest creation time. */
    @SuppressWarnings("unchecked")
    public List<Object[]> queueStats() {
        return getEntityManager().createNativeQuery("""
                select channel, template, count(*), min(created_at) from notification
                where status in ('QUEUED', 'FAILED_WILL_RETRY', 'SENDING')
                group by channel, template""").getResultList();
    }

}
