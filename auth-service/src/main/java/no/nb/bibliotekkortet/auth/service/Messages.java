package no.nb.bibliotekkortet.auth.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.common.outbox.Outbox;

/**
 * The messages auth-service sends through the transactional outbox (ARCHITECTURE.md, internal contracts), one
 * method per contract: notifications to notification-service (one-time codes, R16) and activity to
 * patron-service (R21). Call inside the transaction that makes the change; receivers are idempotent on
 * {@code Idempotency-Key}.
 */
@ApplicationScoped
public class Messages {

    static final String NOTIFICATION_SERVICE = "notification-service";
    static final String NOTIFICATIONS = "/internal/v1/notifications";
    static final String PATRON_SERVICE = "patron-service";
    static final String ACTIVITY = "/internal/v1/activity";

    private final Outbox outbox;

    public Messages(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A notification {idempotencyKey, recipient, channel, template, params}: {@code POST /internal/v1/notifications}. */
    public void notify(Map<String, Object> notification) {
        outbox.enqueue(NOTIFICATION_SERVICE, NOTIFICATIONS, notification);
    }

    /**
     * A batch of activity with cards (R21, issue 20): {@code POST /internal/v1/activity?unknown=skip}
     * [{cardNumber, kind, at}…]; patron-service skips cards no ACTIVE patron holds any more.
     */
    public void activityBatch(List<Map<String, String>> reports) {
        outbox.enqueue(PATRON_SERVICE, ACTIVITY + "?unknown=skip", reports);
    }

    /** Activity of a patron by id (R21): {@code POST /internal/v1/activity} [{patronId, kind, at}]. */
    public void activityOfPatron(String patronId, String kind, Instant at) {
        outbox.enqueue(PATRON_SERVICE, ACTIVITY, List.of(Map.of("patronId", patronId, "kind", kind, "at", at.toString())));
    }
}
