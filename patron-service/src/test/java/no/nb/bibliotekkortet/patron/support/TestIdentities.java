package no.nb.bibliotekkortet.patron.support;

import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh Tenor-style synthetic identity numbers (month + 80) with valid check digits, never the same number twice in one
 * test JVM (a birth date has only about 400 valid numbers: two random draws for the same date collided once in 400 and
 * made a registration a 409).
 */
public final class TestIdentities {

    private static final Set<String> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private TestIdentities() {
    }

    /** {@code number} when it is valid and was not handed out before in this JVM, else null (the caller draws again). */
    private static String unseen(String number) {
        return number != null && HANDED_OUT.add(number) ? number : null;
    }

    /** A synthetic fødselsnummer for a birth date between 1950 and 2005. */
    public static String synthetic() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (true) {
            LocalDate d = LocalDate.ofEpochDay(r.nextLong(LocalDate.of(1950, 1, 1).toEpochDay(), LocalDate.of(2005, 12, 31).toEpochDay()));
            int individual = d.getYear() >= 2000 ? r.nextInt(500, 1000) : r.nextInt(0, 500);
            String nine = String.format("%02d%02d%02d%03d", d.getDayOfMonth(), d.getMonthValue() + 80, d.getYear() % 100, individual);
            String number = unseen(withCheckDigits(nine));
            if (number != null) {
                return number;
            }
        }
    }

    /** A synthetic D-number (day + 40, month + 80). */
    public static String syntheticDNumber() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (true) {
            String nine = String.format("%02d%02d%02d%03d", r.nextInt(1, 29) + 40, r.nextInt(1, 13) + 80, r.nextInt(0, 100), r.nextInt(0, 1000));
            String number = unseen(withCheckDigits(nine));
            if (number != null) {
                return number;
            }
        }
    }

    /** The 11-digit number with both classic check digits, or null when a check digit would be 10. */
    public static String withCheckDigits(String nine) {
        int[] w1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
        int[] w2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
        int s1 = 0;
        for (int i = 0; i < 9; i++) {
            s1 += w1[i] * (nine.charAt(i) - '0');
        }
        int k1 = (11 - s1 % 11) % 11;
        if (k1 == 10) {
            return null;
        }
        String ten = nine + k1;
        int s2 = 0;
        for (int i = 0; i < 10; i++) {
            s2 += w2[i] * (ten.charAt(i) - '0');
        }
        int k2 = (11 - s2 % 11) % 11;
        return k2 == 10 ? null : ten + k2;
    }

    /** A synthetic fødselsnummer (month + 80) for exactly this birth date (1900–2039). */
    public static String bornOn(LocalDate d) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100_000; attempt++) {
            int individual = d.getYear() >= 2000 ? r.nextInt(500, 1000) : r.nextInt(0, 500);
            String nine = String.format("%02d%02d%02d%03d", d.getDayOfMonth(), d.getMonthValue() + 80, d.getYear() % 100, individual);
            String number = unseen(withCheckDigits(nine));
            if (number != null) {
                return number;
            }
        }
        throw new IllegalStateException("every synthetic number for " + d + " was handed out already");
    }
}
