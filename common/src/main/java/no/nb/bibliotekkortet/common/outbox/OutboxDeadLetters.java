package no.nb.bibliotekkortet.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import no.nb.bibliotekkortet.common.outbox.repository.OutboxRepository;
import no.nb.bibliotekkortet.common.outbox.repository.OutboxRepository.DeadLetter;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/**
 * The outbox's dead letters (table {@code outbox_dead_letter}): messages a receiver refused for good with a 4xx
 * answer (see {@link OutboxRelay}). An operator lists them and, once the cause is fixed, replays them: the message
 * goes back into the outbox under its old id, so the receiver sees the same {@code Idempotency-Key}.
 */
@ApplicationScoped
public class OutboxDeadLetters {

    private final OutboxRepository outbox;

    public OutboxDeadLetters(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /**
     * The dead letters, newest first.
     *
     * @param limit at most this many (1..1000)
     */
    @Transactional
    public List<DeadLetter> list(int limit) {
        return outbox.deadLetters(limit);
    }

    /**
     * Puts a dead letter back into the outbox, due now with its attempts reset; its later ordering-key siblings
     * have gone on without it, so a replay may arrive after them.
     *
     * @throws ProblemException 404 {@code dead-letter-not-found} when no dead letter has this id
     */
    @Transactional
    public void replay(long id) {
        if (!outbox.replay(id)) {
            throw ProblemException.notFound("dead-letter-not-found", "No dead letter with this id");
        }
    }
}
