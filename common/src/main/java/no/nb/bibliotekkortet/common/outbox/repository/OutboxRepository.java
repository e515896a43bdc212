package no.nb.bibliotekkortet.common.outbox.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transactional outbox's tables (ARCHITECTURE.md, Reliability): {@code outbox} (messages waiting for delivery)
 * and {@code outbox_dead_letter} (messages a receiver refused for good). Due times use the database's clock
 * ({@code now()}). Callers hold the transaction.
 */
@ApplicationScoped
public class OutboxRepository {

    /** A message claimed for delivery: its payload as JSON text, the attempts made so far, its ordering key or null. */
    public record Message(long id, String destination, String path, String payload, int attempts, String orderingKey,
                          String traceparent) {
    }

    /**
     * One dead letter as an operator sees it: never the payload nor the ordering key (either may hold personal data).
     *
     * @param id          the outbox row id (part of the idempotency key {@code <service>-outbox-<id>})
     * @param destination the receiving service
     * @param path        the receiver's path, e.g. {@code /internal/v1/notifications}
     * @param createdAt   when the message was written
     * @param deadAt      when it was moved here
     * @param attempts    attempts made, the refused one included
     * @param status      the receiver's HTTP status
     * @param answer      the start of the receiver's answer (at most 500 characters), or null
     */
    public record DeadLetter(long id, String destination, String path, Instant createdAt, Instant deadAt, int attempts,
                             int status, String answer) {
    }

    /** Per destination: messages waiting, the oldest one's age in seconds, and dead letters. */
    public record Backlog(Map<String, Number> waiting, Map<String, Number> oldestAgeSeconds, Map<String, Number> dead) {
    }

    private final EntityManager em;

    public OutboxRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Writes a message (payload JSON text) with the W3C {@code traceparent} of the request or job that wrote it (null
     * without a trace; docs/observability.md "Traces") and returns its id.
     */
    public long insert(String destination, String path, String payloadJson, String orderingKey, String traceparent) {
        Object id = em.createNativeQuery(
                        "insert into outbox (destination, path, payload, ordering_key, traceparent) "
                                + "values (?1, ?2, cast(?3 as jsonb), ?4, ?5) returning id")
                .setParameter(1, destination)
                .setParameter(2, path)
                .setParameter(3, payloadJson)
                .setParameter(4, orderingKey)
                .setParameter(5, traceparent)
                .getSingleResult();
        return ((Number) id).longValue();
    }

    /**
     * Claims up to {@code limit} due messages in id order ({@code for update skip locked}: another replica's claims
     * are skipped). A message waits while an earlier one with its ordering key waits for a retry.
     */
    @SuppressWarnings("unchecked")
    public List<Message> claimDue(int limit) {
        List<Object[]> rows = em.createNativeQuery(
                        "select id, destination, path, cast(payload as text), attempts, ordering_key, traceparent from outbox o "
                                + "where next_attempt_at <= now() and (ordering_key is null or not exists ("
                                + "select 1 from outbox e where e.ordering_key = o.ordering_key and e.id < o.id "
                                + "and e.next_attempt_at > now())) "
                                + "order by id limit ?1 for update skip locked")
                .setParameter(1, limit)
                .getResultList();
        return rows.stream().map(r -> new Message(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                (String) r[3], ((Number) r[4]).intValue(), (String) r[5], (String) r[6])).toList();
    }

    /** Removes a delivered message. */
    public void delete(long id) {
        em.createNativeQuery("delete from outbox where id = ?1").setParameter(1, id).executeUpdate();
    }

    /** Moves a message to the dead letters with the attempts made, the receiver's status and answer. */
    public void moveToDeadLetters(long id, int attempts, int status, String answer) {
        em.createNativeQuery("insert into outbox_dead_letter (id, destination, path, payload, ordering_key, created_at, "
                        + "attempts, status, answer, traceparent) select id, destination, path, payload, ordering_key, "
                        + "created_at, ?2, ?3, ?4, traceparent from outbox where id = ?1")
                .setParameter(1, id).setParameter(2, attempts).setParameter(3, status)
                .setParameter(4, answer).executeUpdate();
        delete(id);
    }

    /** Records a failed attempt: the attempts made, the next attempt {@code retryInMillis} from now, the error. */
    public void failed(long id, int attempts, long retryInMillis, String error) {
        em.createNativeQuery("update outbox set attempts = ?1, "
                        + "next_attempt_at = now() + cast(?2 as bigint) * interval '1 millisecond', last_error = ?3 where id = ?4")
                .setParameter(1, attempts)
                .setParameter(2, retryInMillis)
                .setParameter(3, error)
                .setParameter(4, id)
                .executeUpdate();
    }

    /** Messages whose next attempt is due now. */
    public long due() {
        return ((Number) em.createNativeQuery("select count(*) from outbox where next_attempt_at <= now()")
                .getSingleResult()).longValue();
    }

    /** Messages waiting for delivery. */
    public long pending() {
        return ((Number) em.createNativeQuery("select count(*) from outbox").getSingleResult()).longValue();
    }

    /** The backlog per destination (two grouped queries). */
    @SuppressWarnings("unchecked")
    public Backlog backlog() {
        Map<String, Number> waiting = new HashMap<>();
        Map<String, Number> age = new HashMap<>();
        Map<String, Number> dead = new HashMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("select destination, count(*), "
                + "extract(epoch from now() - min(created_at)) from outbox group by destination").getResultList()) {
            waiting.put((String) row[0], (Number) row[1]);
            age.put((String) row[0], (Number) row[2]);
        }
        for (Object[] row : (List<Object[]>) em.createNativeQuery(
                "select destination, count(*) from outbox_dead_letter group by destination").getResultList()) {
            dead.put((String) row[0], (Number) row[1]);
        }
        return new Backlog(waiting, age, dead);
    }

    /** Up to {@code limit} dead letters, newest first. */
    @SuppressWarnings("unchecked")
    public List<DeadLetter> deadLetters(int limit) {
        List<Object[]> rows = em.createNativeQuery("select id, destination, path, created_at, dead_at, attempts, status, "
                        + "answer from outbox_dead_letter order by dead_at desc, id desc limit ?1")
                .setParameter(1, limit).getResultList();
        return rows.stream().map(r -> new DeadLetter(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                instant(r[3]), instant(r[4]), ((Number) r[5]).intValue(), ((Number) r[6]).intValue(), (String) r[7]))
                .toList();
    }

    /**
     * Puts a dead letter back into the outbox under its old id, due now with its attempts reset.
     *
     * @return false when no dead letter has this id
     */
    public boolean replay(long id) {
        int moved = em.createNativeQuery("insert into outbox (id, destination, path, payload, ordering_key, created_at, traceparent) "
                + "select id, destination, path, payload, ordering_key, created_at, traceparent from outbox_dead_letter "
                + "where id = ?1")
                .setParameter(1, id).executeUpdate();
        if (moved == 0) {
            return false;
        }
        em.createNativeQuery("delete from outbox_dead_letter where id = ?1").setParameter(1, id).executeUpdate();
        return true;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
