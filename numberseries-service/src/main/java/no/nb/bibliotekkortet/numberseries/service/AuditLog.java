package no.nb.bibliotekkortet.numberseries.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import no.nb.bibliotekkortet.numberseries.domain.NumberRange;
import no.nb.bibliotekkortet.numberseries.repository.AuditEvent;
import no.nb.bibliotekkortet.numberseries.repository.AuditRepository;

/** Writes and reads the audit trail of card numbers (who and when, per order/import/issue/release/retire). */
@ApplicationScoped
public class AuditLog {

    private final AuditRepository repository;

    public AuditLog(AuditRepository repository) {
        this.repository = repository;
    }

    /**
     * Records an event in the caller's transaction (so it exists exactly when the change does).
     *
     * @param range         numbers affected
     * @param seriesId      series concerned, or null
     * @param libraryNumber library concerned, or null
     * @param requestId     the caller's request id, or null
     */
    public void record(AuditEvent.Action action, NumberRange range, Long seriesId, String libraryNumber,
                       Actor actor, String requestId, Instant at) {
        AuditEvent e = new AuditEvent();
        e.action = action;
        e.firstNumber = range.first();
        e.lastNumber = range.last();
        e.seriesId = seriesId;
        e.libraryNumber = libraryNumber;
        e.actor = actor.name();
        e.actorKind = actor.kind();
        e.requestId = requestId;
        e.at = at;
        repository.persist(e);
    }

    /** Every event touching {@code number}, oldest first. */
    public List<AuditEvent> forNumber(long number) {
        return repository.forNumber(number);
    }
}
