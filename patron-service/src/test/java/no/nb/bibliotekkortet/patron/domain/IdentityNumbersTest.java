package no.nb.bibliotekkortet.patron.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import no.bekk.bekkopen.person.FodselsnummerValidator;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers.Kind;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every identity-number vector of DOMAIN.md, plus the century table and the switches. */
class IdentityNumbersTest {

    private final IdentityNumbers tests = new IdentityNumbers(true, false);
    private final IdentityNumbers production = new IdentityNumbers(false, false);

    @ParameterizedTest
    @CsvSource({
            "15038512010, 1985-03-15", // second check digit 0
            "24067810208, 1978-06-24", // first check digit 0
            "01060551053, 2005-06-01", // 500-series, year <= 39
            "17085591010, 1955-08-17", // 900-series, year >= 40
    })
    void validFodselsnummerGivesBirthDate(String number, LocalDate birthDate) {
        for (IdentityNumbers rules : new IdentityNumbers[] {tests, production}) {
            IdentityNumbers.Result result = rules.check(number);
            assertTrue(result.accepted(), number);
            assertEquals(Kind.FODSELSNUMMER, result.parsed().kind());
            assertFalse(result.parsed().synthetic());
            assertEquals(Optional.of(birthDate), result.parsed().birthDate());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"61079023050", "71120170044"})
    void dNumbersAreAcceptedWithoutADerivedBirthDate(String number) {
        IdentityNumbers.Result result = production.check(number);
        assertTrue(result.accepted(), number);
        assertEquals(Kind.D_NUMBER, result.parsed().kind());
        assertEquals(Optional.empty(), result.parsed().birthDate(), "the birth date comes from registration");
    }

    @Test
    void tenorSyntheticNumbersOnlyWhereTestIdentitiesAreAllowed() {
        IdentityNumbers.Result synthetic = tests.check("12908840087");
        assertTrue(synthetic.accepted());
        assertTrue(synthetic.parsed().synthetic());
        assertEquals(Optional.of(LocalDate.of(1988, 10, 12)), synthetic.parsed().birthDate());
        IdentityNumbers.Result dSynthetic = tests.check("43847520044");
        assertTrue(dSynthetic.accepted());
        assertEquals(Kind.D_NUMBER, dSynthetic.parsed().kind());
        assertTrue(dSynthetic.parsed().synthetic());

        assertEquals(Refusal.SYNTHETIC_NOT_ALLOWED, production.check("12908840087").refusal());
        assertEquals(Refusal.SYNTHETIC_NOT_ALLOWED, production.check("43847520044").refusal());
        assertFalse(FodselsnummerValidator.ALLOW_SYNTHETIC_NUMBERS, "nocommons' global static is never flipped");
    }

    @ParameterizedTest
    @ValueSource(strings = {"61079023067", "15038512011", "24067810217", "12938820021", "1503851201",
            "1503851201A", "15038 12010", "", "150385120100a"})
    void invalidNumbersAreRefusedAsInvalid(String number) {
        assertEquals(Refusal.INVALID, tests.check(number).refusal(), number);
    }

    @Test
    void nullIsInvalid() {
        assertEquals(Refusal.INVALID, tests.check(null).refusal());
    }

    @Test
    void dufNumbersAreRefusedWithTheLocalCardMessage() {
        IdentityNumbers.Result result = tests.check("201512345678");
        assertEquals(Refusal.DUF_NUMBER, result.refusal());
        assertEquals(422, result.refusal().status);
        assertTrue(result.refusal().message.contains("local card"));
        assertEquals("R7", result.refusal().rule);
    }

    @Test
    void monthPlus40IsAlwaysRefused() {
        // 15038512010 with month + 40 and check digits recomputed for it.
        String helpNumber = anyValid("154385", 120, 499);
        assertEquals(Refusal.HELP_NUMBER, tests.check(helpNumber).refusal());
        assertEquals(Refusal.HELP_NUMBER, production.check(helpNumber).refusal());
    }

    @Test
    void centuryTable() {
        assertEquals(Optional.of(1900), IdentityNumbers.fullYear(0, 0));
        assertEquals(Optional.of(1999), IdentityNumbers.fullYear(499, 99));
        assertEquals(Optional.of(1854), IdentityNumbers.fullYear(500, 54));
        assertEquals(Optional.of(1899), IdentityNumbers.fullYear(749, 99));
        assertEquals(Optional.of(2000), IdentityNumbers.fullYear(500, 0));
        assertEquals(Optional.of(2039), IdentityNumbers.fullYear(999, 39));
        assertEquals(Optional.of(1940), IdentityNumbers.fullYear(900, 40));
        assertEquals(Optional.empty(), IdentityNumbers.fullYear(600, 45), "500-749 with year 40-53");
        assertEquals(Optional.empty(), IdentityNumbers.fullYear(800, 60), "750-899 with year >= 40");
    }

    @Test
    void the29thOfFebruaryOnlyInLeapYearsForFodselsnummer() {
        String leap = anyValid("290200", 500, 749);      // 2000 is a leap year
        String notLeap = anyValid("290200", 0, 499);     // 1900 is not
        assertEquals(Optional.of(LocalDate.of(2000, 2, 29)), tests.check(leap).parsed().birthDate());
        assertEquals(Refusal.INVALID, tests.check(notLeap).refusal());
    }

    @Test
    void dNumberDated29FebruaryIsAcceptedWhateverTheYear() {
        // Day 29 + 40, month 02, year 23 with a 750-899 individual number: no century fits, yet a D-number is fine.
        String d = anyValid("690223", 750, 899);
        assertTrue(production.check(d).accepted());
        assertEquals(Refusal.INVALID, production.check(anyValid("700223", 750, 899)).refusal(), "30 February");
    }

    @Test
    void rule2032AcceptsFirstCheckDigitRemaindersZeroToThree() {
        String classic = "15038512010";           // first check digit 1 under the classic rule
        for (int shift = 1; shift <= 3; shift++) {
            String next = withSecondCheckDigit(classic.substring(0, 9) + (1 + shift));
            if (next == null) {
                continue;
            }
            assertEquals(Refusal.INVALID, tests.check(next).refusal(), "classic rule refuses remainder " + shift);
            assertTrue(new IdentityNumbers(true, true).check(next).accepted(), "2032 rule accepts remainder " + shift);
        }
        String remainder4 = withSecondCheckDigit(classic.substring(0, 9) + 5);
        if (remainder4 != null) {
            assertEquals(Refusal.INVALID, new IdentityNumbers(true, true).check(remainder4).refusal());
        }
        assertTrue(new IdentityNumbers(true, true).check(classic).accepted(), "classic numbers stay valid");
    }

    /** The first number with valid classic check digits for DDMMYY + an individual number in the range. */
    static String anyValid(String ddmmyy, int from, int to) {
        for (int i = from; i <= to; i++) {
            try {
                return withCheckDigits(ddmmyy + String.format("%03d", i));
            } catch (IllegalArgumentException e) {
                // try the next individual number
            }
        }
        throw new IllegalStateException("no valid number");
    }

    /** Appends both classic check digits to 9 digits; fails when the first would be 10. */
    static String withCheckDigits(String nine) {
        int[] w1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
        int s = 0;
        for (int i = 0; i < 9; i++) {
            s += w1[i] * (nine.charAt(i) - '0');
        }
        int k1 = (11 - s % 11) % 11;
        if (k1 == 10) {
            throw new IllegalArgumentException("no first check digit for " + nine);
        }
        String ten = nine + k1;
        String eleven = withSecondCheckDigit(ten);
        if (eleven == null) {
            throw new IllegalArgumentException("no second check digit for " + nine);
        }
        return eleven;
    }

    static String withSecondCheckDigit(String ten) {
        int[] w2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
        int s = 0;
        for (int i = 0; i < 10; i++) {
            s += w2[i] * (ten.charAt(i) - '0');
        }
        int k2 = (11 - s % 11) % 11;
        return k2 == 10 ? null : ten + k2;
    }
}
