package no.nb.bibliotekkortet.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/**
 * The outbox's dead letters (table {@code outbox_dead_letter}): messages a receiver refused for good with a 4xx
 * answer (see {@link OutboxRelay}). An operator lists them and, once the cause is fixed, replays them: the message
 * goes back into the outbox under its old id, so the receiver sees the same {@code Idempotency-Key}.
 */
@ApplicationScoped
public class OutboxDeadLetters {

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

    private final EntityManager em;

    public OutboxDeadLetters(EntityManager em) {
        this.em = em;
    }

    /**
     * The dead letters, newest first.
     *
     * @param limit at most this many (1..1000)
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<DeadLetter> list(int limit) {
        List<Object[]> rows = em.createNativeQuery("select id, destination, path, created_at, dead_at, attempts, status, "
                        + "answer from outbox_dead_letter order by dead_at desc, id desc limit ?1")
                .setParameter(1, limit).getResultList();
        return rows.stream().map(r -> new DeadLetter(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                instant(r[3]), instant(r[4]), ((Number) r[5]).intValue(), ((Number) r[6]).intValue(), (String) r[7]))
                .toList();
    }

    /**
     * Puts a dead letter back into the outbox, due now with its attempts reset; its later ordering-key siblings
     * have gone on without it, so a replay may arrive after them.
     *
     * @throws ProblemException 404 {@code dead-letter-not-found} when no dead letter has this id
     */
    @Transactional
    public void replay(long id) {
        int moved = em.createNativeQuery("insert into outbox (id, destination, path, payload, ordering_key, created_at, traceparent) "
                + "select id, destination, path, payload, ordering_key, created_at, traceparent from outbox_dead_letter where id = ?1")
                .setParameter(1, id).executeUpdate();
        if (moved == 0) {
            throw ProblemException.notFound("dead-letter-not-found", "No dead letter with this id");
        }
        em.createNativeQuery("delete from outbox_dead_letter where id = ?1").setParameter(1, id).executeUpdate();
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
