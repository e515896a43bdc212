package no.nb.bibliotekkortet.auth.client;

/**
 * Which channels a patron has (from patron-service's contact data): whether an e-mail address and a
 * mobile phone exist, and the preferred channel ({@code EMAIL}, {@code SMS} or null). The addresses
 * themselves are not kept: notification-service looks them up by patron id when it sends.
 */
public record ContactChannels(boolean hasEmail, boolean hasPhone, String preferredChannel) {

    /** True when the patron can be reached on {@code channel} ({@code EMAIL} or {@code SMS}). */
    public boolean has(String channel) {
        return "EMAIL".equals(channel) ? hasEmail : "SMS".equals(channel) && hasPhone;
    }

    /** The preferred channel when it exists, else whichever exists (e-mail first); null when none. */
    public String chosen() {
        if (preferredChannel != null && has(preferredChannel)) {
            return preferredChannel;
        }
        return hasEmail ? "EMAIL" : hasPhone ? "SMS" : null;
    }
}
