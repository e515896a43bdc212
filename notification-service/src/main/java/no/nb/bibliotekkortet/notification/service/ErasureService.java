package no.nb.bibliotekkortet.notification.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import no.nb.bibliotekkortet.notification.config.TimeSource;
import no.nb.bibliotekkortet.notification.repository.Notification;
import no.nb.bibliotekkortet.notification.repository.NotificationRepository;
import no.nb.bibliotekkortet.notification.template.TemplateId;

/**
 * Removes personal data from notifications (R20, R21, privacy rules): after the retention period, and
 * at once for a patron's erasure. The status record stays, without recipient, patron id or parameters.
 */
@ApplicationScoped
public class ErasureService {

    /** Result of a patron erasure: rows erased now, and queued deletion notices kept until they are sent. */
    public record ErasureResult(int erased, int keptUntilSent) {
    }

    private final NotificationRepository repository;
    private final TimeSource time;

    public ErasureService(NotificationRepository repository, TimeSource time) {
        this.repository = repository;
        this.time = time;
    }

    /**
     * Erases the personal data of every notification about these patrons (idempotent). Queued notices
     * that are not about a deletion are cancelled; queued deletion notices ({@code unregistered},
     * {@code deleted-inactive}) are kept, sent, and then erased at once.
     *
     * @param patronIds opaque patron ids
     */
    @Transactional
    public ErasureResult erasePatrons(Collection<String> patronIds) {
        Instant now = time.now();
        int erased = 0;
        int kept = 0;
        for (Notification n : repository.holdingDataOf(patronIds)) {
            boolean deletionNotice = TemplateId.byId(n.template).map(TemplateId::deletionNotice).orElse(false);
            if (!n.status.isFinal()) {
                if (deletionNotice) {
                    kept++;
                    continue;
                }
                n.status = Notification.Status.CANCELLED;
                n.lastError = "cancelled: patron erased";
                n.finalAt = now;
                n.claimedUntil = null;
            }
            n.eraseAfter = now;
            n.erasePersonalData(now);
            erased++;
        }
        return new ErasureResult(erased, kept);
    }

    /**
     * Counts notifications that still hold personal data of these patrons: by patron id, e-mail address
     * (case-insensitive) or E.164 phone. 0 after erasure, once any kept deletion notice has been sent.
     */
    @Transactional
    public long countHeld(Collection<String> patronIds, Collection<String> emails, Collection<String> phones) {
        List<String> lower = emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
        return repository.countHolding(patronIds, lower, phones);
    }

    /** Scheduled run of {@link #purgeExpired()}, every {@code notification.retention.interval}. */
    @Scheduled(every = "${notification.retention.interval:10m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOnSchedule() {
        purgeExpired();
    }

    /**
     * Erases the personal data of notifications whose retention has run out ({@code erase_after <= now}).
     *
     * @return how many were erased (at most 1000 per call)
     */
    @Transactional
    public int purgeExpired() {
        Instant now = time.now();
        List<Notification> due = repository.dueForErasure(now, 1000);
        due.forEach(n -> n.erasePersonalData(now));
        return due.size();
    }
}
