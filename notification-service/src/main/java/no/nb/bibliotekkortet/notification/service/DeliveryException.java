package no.nb.bibliotekkortet.notification.service;

/**
 * A delivery attempt failed. {@code permanent} failures (no contact data, patron unknown, recipient
 * refused for good) make the notification dead at once; others are retried with backoff. The message is
 * stored as the status's last error and must never contain personal data.
 */
public class DeliveryException extends RuntimeException {

    private final boolean permanent;

    public DeliveryException(boolean permanent, String message) {
        super(message, null, false, false);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
