package no.nb.bibliotekkortet.patron.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.common.outbox.Outbox;

/**
 * The messages patron-service sends through the transactional outbox (ARCHITECTURE.md, internal contracts), one
 * method per contract: notifications to notification-service, card-number releases and retirements to
 * numberseries-service, erasures to the services that hold data about a patron (R20, R21). Call inside the
 * transaction that makes the change; receivers are idempotent on {@code Idempotency-Key}.
 */
@ApplicationScoped
public class Messages {

    static final String NOTIFICATION_SERVICE = "notification-service";
    static final String NUMBERSERIES_SERVICE = "numberseries-service";
    static final String NOTIFICATIONS = "/internal/v1/notifications";
    static final String RETIREMENTS = "/internal/v1/card-numbers/retirements";
    static final String ERASURES = "/internal/v1/erasures";
    /** The services that hold data about a patron and erase it on {@code POST /internal/v1/erasures} (R20, R21). */
    public static final List<String> ERASING_SERVICES = List.of("membership-service", "auth-service", "notification-service");

    private final Outbox outbox;

    public Messages(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A notification ({@link Notifications} builds the bodies): {@code POST /internal/v1/notifications}. */
    public void notify(Map<String, Object> notification) {
        outbox.enqueue(NOTIFICATION_SERVICE, NOTIFICATIONS, notification);
    }

    /** Gives back a printed number issued for a request that failed: {@code POST .../card-numbers/{n}/release}. */
    public void releaseCardNumber(String cardNumber, String requestId) {
        outbox.enqueue(NUMBERSERIES_SERVICE, "/internal/v1/card-numbers/" + cardNumber + "/release", Map.of("requestId", requestId));
    }

    /** Retires card numbers for good (never issued again; R1): {@code POST .../card-numbers/retirements}, 1..1000 numbers. */
    public void retireCardNumbers(List<String> cardNumbers) {
        outbox.enqueue(NUMBERSERIES_SERVICE, RETIREMENTS, cardNumbers);
    }

    /** Asks {@code service} (one of {@link #ERASING_SERVICES}) to erase what it holds about these patrons (1..1000 ids). */
    public void erase(String service, List<String> patronIds) {
        outbox.enqueue(service, ERASURES, patronIds);
    }
}
