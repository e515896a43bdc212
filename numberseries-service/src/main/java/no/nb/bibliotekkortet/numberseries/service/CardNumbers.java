package no.nb.bibliotekkortet.numberseries.service;

import java.util.regex.Pattern;

/**
 * The national card number format (lånenummer): {@code N} followed by exactly 9 digits, no check
 * digit, e.g. {@code N000106188}. The numeric part runs from 1 to {@value #MAX}.
 */
public final class CardNumbers {

    /** Highest numeric part of a card number. */
    public static final long MAX = 999_999_999L;

    private static final Pattern FORMAT = Pattern.compile("N[0-9]{9}");

    private CardNumbers() {
    }

    /** True when {@code text} is exactly {@code N} + 9 digits (no spaces, upper-case N). */
    public static boolean isWellFormed(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    /** The card number with numeric part {@code value}, e.g. 106188 → {@code N000106188}. */
    public static String format(long value) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("Card number value out of range: " + value);
        }
        return String.format("N%09d", value);
    }

    /**
     * The numeric part of a well-formed card number.
     *
     * @throws IllegalArgumentException when {@code text} is not {@code N} + 9 digits
     */
    public static long parse(String text) {
        if (!isWellFormed(text)) {
            throw new IllegalArgumentException("Not a card number: N followed by 9 digits");
        }
        return Long.parseLong(text.substring(1));
    }
}
