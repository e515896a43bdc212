package no.nb.bibliotekkortet.systemtests.support;

import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh Tenor-style synthetic fødselsnumre (month + 80) with valid check digits (DOMAIN.md weights), for
 * scenarios that register new patrons on every run. The suite runs with test identities allowed.
 */
public final class SyntheticIdentityNumbers {

    private static final int[] W1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] W2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    /** Never the same number twice in one run: a birth date has only about 400 valid numbers. */
    private static final Set<String> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private SyntheticIdentityNumbers() {
    }

    /** A random synthetic number for an adult born 1960–2000. */
    public static String next() {
        return bornOn(LocalDate.of(1960, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(14_600)));
    }

    /**
     * A random synthetic number (month + 80) for someone born on {@code d}, 1900–2039: the individual number
     * follows DOMAIN.md's century table (000–499 for 1900–1999, 500–999 for 2000–2039).
     */
    public static String bornOn(LocalDate d) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100_000; attempt++) {
            int individual = d.getYear() >= 2000 ? r.nextInt(500, 1000) : r.nextInt(0, 500);
            String number = withCheckDigits(String.format("%02d%02d%02d%03d", d.getDayOfMonth(), d.getMonthValue() + 80,
                    d.getYear() % 100, individual));
            if (number != null && HANDED_OUT.add(number)) {
                return number;
            }
        }
        throw new IllegalStateException("every synthetic number for " + d + " was handed out already");
    }

    /**
     * The 11-digit number for the first nine digits {@code nine} (DDMMYYIII) with both check digits, or null when
     * either check digit would be 10 (no valid number has these nine digits).
     */
    public static String withCheckDigits(String nine) {
        int k1 = checkDigit(nine, W1);
        if (k1 == 10) {
            return null;
        }
        int k2 = checkDigit(nine + k1, W2);
        return k2 == 10 ? null : nine + k1 + k2;
    }

    private static int checkDigit(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * (digits.charAt(i) - '0');
        }
        return (11 - sum % 11) % 11;
    }
}
