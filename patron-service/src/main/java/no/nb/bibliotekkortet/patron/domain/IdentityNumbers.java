package no.nb.bibliotekkortet.patron.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.util.Optional;
import no.bekk.bekkopen.person.FodselsnummerValidator;

/**
 * The one place that decides whether a string is a national identity number the register accepts
 * (DOMAIN.md, "Identity numbers"; R6, R7). Wraps {@code no.bekk.bekkopen:nocommons} and adds what it lacks
 * or gets wrong for the register:
 * <ul>
 *   <li>the century table (individual number × 2-digit year), with the date checked in that century;</li>
 *   <li>D-numbers (first digit + 4): only check digits and day/month are validated; the birth date is never
 *       derived from a D-number (the series was extended in 2021), it comes from the registration data;</li>
 *   <li>month + 40 numbers (H-numbers / NAV test numbers) are always refused;</li>
 *   <li>Tenor synthetic numbers (month + 80, also with a D-number) only when {@code allowTestIdentities} is
 *       true — decided here, per instance; nocommons' global static {@code ALLOW_SYNTHETIC_NUMBERS} is never
 *       touched;</li>
 *   <li>DUF numbers (12 digits) refused with the message that the person can only get a local card (R7);</li>
 *   <li>the 2032 rule (first check digit with weighted-sum remainder 0–3 allowed) behind a switch.</li>
 * </ul>
 * Messages produced here never contain the number itself. Instances are immutable and thread-safe.
 */
public final class IdentityNumbers {

    /** Why a number is refused; {@link #status} is the HTTP status the API answers with. */
    public enum Refusal {
        /** Not 11 digits, a letter, a space, wrong check digits, impossible date or century. */
        INVALID(400, "a valid fødselsnummer or D-nummer (11 digits, valid check digits and date)",
                "The identity number is not a valid fødselsnummer or D-nummer"),
        /** 12 digits: UDI's DUF number (R7). */
        DUF_NUMBER(422, "R7",
                "A DUF number is not a national identity number; the person can only get a local card at the library"),
        /** Month + 40: H-number or NAV synthetic number, indistinguishable, never a patron's identity. */
        HELP_NUMBER(422, "no month+40 numbers",
                "Health-sector help numbers and NAV test numbers (month + 40) are not accepted"),
        /** Month + 80 while test identities are not allowed (production). */
        SYNTHETIC_NOT_ALLOWED(422, "no synthetic numbers in this environment",
                "Synthetic test identity numbers are not accepted in this environment");

        public final int status;
        public final String rule;
        public final String message;

        Refusal(int status, String rule, String message) {
            this.status = status;
            this.rule = rule;
            this.message = message;
        }
    }

    /** Kind of an accepted number. */
    public enum Kind { FODSELSNUMMER, D_NUMBER }

    /**
     * An accepted identity number.
     *
     * @param value     the 11 digits as given
     * @param kind      fødselsnummer or D-number
     * @param synthetic true for a Tenor test number (month + 80)
     * @param birthDate derived birth date for fødselsnummer; empty for D-numbers (take it from registration)
     */
    public record Parsed(String value, Kind kind, boolean synthetic, Optional<LocalDate> birthDate) {
        @Override
        public String toString() {
            return "IdentityNumber[" + kind + ", synthetic=" + synthetic + "]";
        }
    }

    /** Result of {@link #check}: either {@code parsed} or {@code refusal} is set. */
    public record Result(Parsed parsed, Refusal refusal) {
        public boolean accepted() {
            return parsed != null;
        }
    }

    private static final int[] WEIGHTS_1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] WEIGHTS_2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    private final boolean allowTestIdentities;
    private final boolean rule2032;

    /**
     * @param allowTestIdentities accept Tenor synthetic numbers (config {@code register.allow-test-identities};
     *                            true in local runs and tests, false in production)
     * @param rule2032            accept first check digits whose weighted-sum remainder is 0–3 (config
     *                            {@code register.identity.rule-2032}; off until the new numbers are issued)
     */
    public IdentityNumbers(boolean allowTestIdentities, boolean rule2032) {
        this.allowTestIdentities = allowTestIdentities;
        this.rule2032 = rule2032;
    }

    /**
     * Checks a number as typed by staff or read from a token.
     *
     * @param input the raw string (no trimming: a space makes it invalid)
     * @return the parsed number, or the refusal; never throws
     */
    public Result check(String input) {
        if (input == null || !input.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return refused(Refusal.INVALID);
        }
        if (input.length() == 12) {
            return refused(Refusal.DUF_NUMBER);
        }
        if (input.length() != 11) {
            return refused(Refusal.INVALID);
        }
        int[] d = input.chars().map(c -> c - '0').toArray();
        int day = d[0] * 10 + d[1];
        int month = d[2] * 10 + d[3];
        int year2 = d[4] * 10 + d[5];
        int individual = d[6] * 100 + d[7] * 10 + d[8];

        boolean dNumber = day > 40;
        if (dNumber) {
            day -= 40;
        }
        boolean synthetic = false;
        if (month > 80) {
            synthetic = true;
            month -= 80;
        } else if (month > 40) {
            // Check the month is otherwise plausible only so that garbage stays INVALID.
            return refused(month - 40 >= 1 && month - 40 <= 12 ? Refusal.HELP_NUMBER : Refusal.INVALID);
        }
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return refused(Refusal.INVALID);
        }
        if (!checkDigitsValid(d)) {
            return refused(Refusal.INVALID);
        }
        if (synthetic && !allowTestIdentities) {
            return refused(Refusal.SYNTHETIC_NOT_ALLOWED);
        }
        if (dNumber) {
            // Day and month only: 29 February is allowed because the year is not known.
            if (day > Month.of(month).maxLength()) {
                return refused(Refusal.INVALID);
            }
            return new Result(new Parsed(input, Kind.D_NUMBER, synthetic, Optional.empty()), null);
        }
        Optional<Integer> year = fullYear(individual, year2);
        if (year.isEmpty()) {
            return refused(Refusal.INVALID);
        }
        LocalDate birthDate;
        try {
            birthDate = LocalDate.of(year.get(), month, day);
        } catch (DateTimeException e) {
            return refused(Refusal.INVALID);
        }
        // Plain numbers under the classic rule: nocommons must agree (it knows nothing of 2032 or Tenor).
        if (!synthetic && !rule2032 && !FodselsnummerValidator.isValid(input)) {
            return refused(Refusal.INVALID);
        }
        return new Result(new Parsed(input, Kind.FODSELSNUMMER, synthetic, Optional.of(birthDate)), null);
    }

    /**
     * The century table (DOMAIN.md): 000–499 → 1900–1999; 500–749 with year ≥ 54 → 1854–1899; 500–999 with
     * year ≤ 39 → 2000–2039; 900–999 with year ≥ 40 → 1940–1999.
     *
     * @param individual the 3-digit individual number (0–999)
     * @param year2      the 2-digit year (0–99)
     * @return the 4-digit year, or empty when the individual number fits no century for that year
     */
    public static Optional<Integer> fullYear(int individual, int year2) {
        if (individual <= 499) {
            return Optional.of(1900 + year2);
        }
        if (year2 <= 39) {
            return Optional.of(2000 + year2);
        }
        if (individual <= 749 && year2 >= 54) {
            return Optional.of(1800 + year2);
        }
        if (individual >= 900) {
            return Optional.of(1900 + year2);
        }
        return Optional.empty();
    }

    private boolean checkDigitsValid(int[] d) {
        int sum1 = 0;
        for (int i = 0; i < 9; i++) {
            sum1 += WEIGHTS_1[i] * d[i];
        }
        int remainder1 = (sum1 + d[9]) % 11;
        boolean first = rule2032 ? remainder1 <= 3 : remainder1 == 0;
        int sum2 = 0;
        for (int i = 0; i < 10; i++) {
            sum2 += WEIGHTS_2[i] * d[i];
        }
        boolean second = (sum2 + d[10]) % 11 == 0;
        return first && second;
    }

    private static Result refused(Refusal refusal) {
        return new Result(null, refusal);
    }
}
