package no.nb.bibliotekkortet.numberseries.domain;

import java.util.regex.Pattern;

/**
 * The national card number format (lånenummer, DOMAIN.md glossary): {@code N} followed by exactly 9
 * digits, no check digit, e.g. {@code N000106188}. The numeric part of a number that can be reserved
 * runs from 1 to {@value #MAX}. A lower-case {@code n}, spaces or any other form are refused, never
 * silently fixed (numbers of other forms were removed from the register in 2023).
 */
public final class CardNumbers {

    /** Highest numeric part of a card number. */
    public static final long MAX = 999_999_999L;

    /** The format rule, as stated in error responses. */
    public static final String RULE = "N followed by 9 digits, e.g. N000106188";

    private static final Pattern FORMAT = Pattern.compile("N[0-9]{9}");

    private CardNumbers() {
    }

    /** True when {@code text} is exactly {@code N} + 9 digits (no spaces, upper-case N). */
    public static boolean isWellFormed(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    /**
     * Why {@code text} is not a card number, in words for an error response, or null when it is one.
     * Never echoes the input.
     */
    public static String violation(String text) {
        if (text == null || text.isEmpty()) {
            return "A card number is required (" + RULE + ")";
        }
        if (isWellFormed(text)) {
            return null;
        }
        if (!text.equals(text.strip())) {
            return "A card number has no surrounding spaces (" + RULE + ")";
        }
        if (text.charAt(0) == 'n') {
            return "A card number starts with an upper-case N (" + RULE + ")";
        }
        if (text.charAt(0) != 'N') {
            return "A card number starts with N (" + RULE + ")";
        }
        if (text.length() != 10) {
            return "A card number has exactly 9 digits after the N, this one has " + (text.length() - 1)
                    + " characters (" + RULE + ")";
        }
        return "A card number has only digits after the N (" + RULE + ")";
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
            throw new IllegalArgumentException("Not a card number: " + RULE);
        }
        return Long.parseLong(text.substring(1));
    }
}
