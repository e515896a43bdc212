package no.nb.bibliotekkortet.notification.service;

import java.util.regex.Pattern;

/**
 * Turns a delivery error into the short "last error" text of the status API: the exception type and
 * message with e-mail addresses and long digit runs (phone or identity numbers) masked, at most
 * {@value #MAX} characters. SMTP servers often echo the recipient in their replies; it must not leak.
 */
public final class ErrorText {

    /** Longest text kept. */
    public static final int MAX = 300;

    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");
    private static final Pattern DIGITS = Pattern.compile("\\+?[0-9][0-9 ]{6,}[0-9]");

    private ErrorText() {
    }

    /** The masked, shortened description of {@code error} (never null). */
    public static String of(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = error instanceof DeliveryException ? error.getMessage()
                : root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return mask(text);
    }

    /** {@code text} with e-mail addresses replaced by {@code <address>} and digit runs of 8+ by {@code <number>}. */
    public static String mask(String text) {
        String masked = DIGITS.matcher(EMAIL.matcher(text).replaceAll("<address>")).replaceAll("<number>");
        masked = masked.replaceAll("[\\r\\n\\t]+", " ");
        return masked.length() <= MAX ? masked : masked.substring(0, MAX);
    }
}
