package no.nb.bibliotekkortet.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import no.nb.bibliotekkortet.common.outbox.repository.OutboxRepository;

/**
 * Writes messages for other services into the transactional outbox (ARCHITECTURE.md, Reliability).
 *
 * <p>A message written here commits or rolls back with the caller's transaction, so a state change and
 * the message that reports it are never separated. {@link OutboxRelay} later POSTs the payload to the
 * destination with retries; receivers must be idempotent on the {@code Idempotency-Key} header.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository outbox;
    private final ObjectMapper mapper;
    private final OutboxTracing tracing;

    public Outbox(OutboxRepository outbox, ObjectMapper mapper, OutboxTracing tracing) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.tracing = tracing;
    }

    /**
     * Queues a message inside the caller's transaction.
     *
     * @param destination service name, resolved by config {@code register.services.<destination>.url}
     *                    (e.g. {@code notification-service})
     * @param path        absolute path on the destination, e.g. {@code /internal/v1/notifications}
     * @param payload     request body, serialised as JSON
     * @return the outbox row id (part of the idempotency key)
     * @throws jakarta.transaction.TransactionalException when called outside a transaction
     * @throws IllegalArgumentException when the payload cannot be serialised
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long enqueue(String destination, String path, Object payload) {
        return enqueue(destination, path, payload, null);
    }

    /**
     * Queues a message that must arrive after every earlier message with the same ordering key (and before every
     * later one): the relay sends such messages one after the other, and while one fails the later ones wait.
     *
     * @param orderingKey e.g. {@code email:<address>} for the agreement e-mails of one library (at most 200
     *                    characters); null for a message that may overtake others
     * @see #enqueue(String, String, Object)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long enqueue(String destination, String path, Object payload, String orderingKey) {
        String json;
        try {
            json = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Outbox payload cannot be serialised", e);
        }
        return outbox.insert(destination, path, json, orderingKey, tracing.current());
    }
}
