package no.nb.bibliotekkortet.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.nb.bibliotekkortet.notification.config.NotificationConfig;
import no.nb.bibliotekkortet.notification.config.TimeSource;
import no.nb.bibliotekkortet.notification.repository.Notification;
import no.nb.bibliotekkortet.notification.repository.Notification.Status;
import no.nb.bibliotekkortet.notification.repository.NotificationRepository;
import no.nb.bibliotekkortet.notification.template.TemplateId;

/**
 * The delivery worker's short transactions: claim due notifications, then record each outcome. Nothing
 * is held locked while a message is on its way to the SMTP server or SMS provider.
 */
@ApplicationScoped
public class DeliveryStore {

    /** What the worker needs of a claimed notification (a copy; the row is not locked while sending). */
    public record Claimed(UUID id, String template, Notification.Channel channel, String language, String patronId,
                          String email, String phone, String params, int attempt) {
    }

    /** The state a notification ends in after an attempt. */
    public record Outcome(Status status, String template, Notification.Channel channel) {
    }

    private final NotificationRepository repository;
    private final NotificationConfig config;
    private final RetryPolicy retryPolicy;
    private final TimeSource time;

    public DeliveryStore(NotificationRepository repository, NotificationConfig config, RetryPolicy retryPolicy, TimeSource time) {
        this.repository = repository;
        this.config = config;
        this.retryPolicy = retryPolicy;
        this.time = time;
    }

    /**
     * Claims up to {@code batch-size} due notifications ({@code SELECT … FOR UPDATE SKIP LOCKED}, so
     * several instances never take the same row): each becomes SENDING with its attempt counted and a
     * claim that expires after {@code lease}.
     */
    @Transactional
    public List<Claimed> claimDue() {
        Instant now = time.now();
        List<Claimed> claimed = new ArrayList<>();
        for (UUID id : repository.lockDue(now, config.delivery().batchSize())) {
            Notification n = repository.findById(id);
            n.status = Status.SENDING;
            n.attempts += 1;
            n.claimedUntil = now.plus(config.delivery().lease());
            claimed.add(new Claimed(n.id, n.template, n.channel, n.language, n.patronId, n.email, n.phone, n.params, n.attempts));
        }
        return claimed;
    }

    /**
     * Records a delivery: SENT, final. Personal data is erased at once for deletion notices (R20/R21),
     * otherwise after the retention period.
     */
    @Transactional
    public Outcome markSent(UUID id, Notification.Channel deliveredChannel) {
        Instant now = time.now();
        Notification n = locked(id);
        // Also when an erasure cancelled it while it was on its way: it did go out (its data stays erased).
        n.status = Status.SENT;
        n.deliveredChannel = deliveredChannel;
        n.sentAt = now;
        finish(n, now);
        return new Outcome(n.status, n.template, deliveredChannel);
    }

    /**
     * Records a failed attempt: DEAD when {@code permanent} or the attempt limit is reached, otherwise
     * FAILED_WILL_RETRY with the next attempt after an exponential, jittered delay.
     *
     * @param error masked error text (no personal data)
     */
    @Transactional
    public Outcome markFailed(UUID id, String error, boolean permanent) {
        Instant now = time.now();
        Notification n = locked(id);
        if (n.status.isFinal()) {
            // Cancelled by an erasure while the attempt was running: stays cancelled, nothing to retry.
            return new Outcome(n.status, n.template, n.channel);
        }
        n.lastError = error;
        n.claimedUntil = null;
        if (permanent || !retryPolicy.mayRetry(n.attempts)) {
            n.status = Status.DEAD;
            finish(n, now);
        } else {
            n.status = Status.FAILED_WILL_RETRY;
            n.nextAttemptAt = now.plus(retryPolicy.delayAfter(n.attempts));
        }
        return new Outcome(n.status, n.template, n.channel);
    }

    /** Records that a notification cannot be sent because its personal data was erased first. */
    @Transactional
    public void markCancelled(UUID id, String reason) {
        Instant now = time.now();
        Notification n = locked(id);
        n.status = Status.CANCELLED;
        n.lastError = reason;
        finish(n, now);
    }

    /** The row, locked for this transaction, so that an erasure running meanwhile is never overwritten. */
    private Notification locked(UUID id) {
        return repository.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    private void finish(Notification n, Instant now) {
        n.finalAt = now;
        n.claimedUntil = null;
        if (n.erasedAt != null) {
            return;
        }
        boolean deletionNotice = TemplateId.byId(n.template).map(TemplateId::deletionNotice).orElse(false);
        if (deletionNotice || n.status == Status.CANCELLED) {
            n.eraseAfter = now;
            n.erasePersonalData(now);
        } else {
            n.eraseAfter = now.plus(config.retention().after());
        }
    }
}
