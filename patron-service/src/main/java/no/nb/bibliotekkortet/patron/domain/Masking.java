package no.nb.bibliotekkortet.patron.domain;

/**
 * Masks contact data for the limited view of one's own record (R16): enough to recognise it, not to read it.
 */
public final class Masking {

    private Masking() {
    }

    /**
     * {@code kari.nordmann@example.no} → {@code k***@example.no}; null stays null.
     */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.substring(0, 1) + "***" + email.substring(at);
    }

    /**
     * E.164 {@code +4741234567} → {@code +47******67}: country code (3 characters) and the last two digits; null stays null.
     */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() <= 5) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 5) + phone.substring(phone.length() - 2);
    }
}
