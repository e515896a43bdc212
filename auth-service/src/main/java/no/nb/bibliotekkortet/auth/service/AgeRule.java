package no.nb.bibliotekkortet.auth.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;

/**
 * The one age rule of auth-service (DOMAIN.md, "Ages"; R18): "older than N" means "has reached N years"
 * on the local date in Europe/Oslo. A patron born 29 February reaches a new age on 1 March in non-leap
 * years, never on 28 February (age limits protect children).
 */
public final class AgeRule {

    /** The zone whose calendar date counts. */
    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private AgeRule() {
    }

    /** Today's date in Europe/Oslo according to {@code clock}. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), OSLO);
    }

    /**
     * The first date on which someone born on {@code birthDate} has reached {@code age} years.
     *
     * @param birthDate the birth date (calendar date, no zone)
     * @param age       whole years, {@code >= 0}
     * @return {@code birthDate + age years}, moved from 28 February to 1 March for a 29 February birthday
     *         when the target year is not a leap year
     * @throws IllegalArgumentException when {@code age} is negative
     */
    public static LocalDate dateReaching(LocalDate birthDate, int age) {
        if (age < 0) {
            throw new IllegalArgumentException("age must be >= 0");
        }
        LocalDate date = birthDate.plusYears(age);
        if (birthDate.getMonth() == Month.FEBRUARY && birthDate.getDayOfMonth() == 29 && date.getDayOfMonth() == 28) {
            return date.plusDays(1);
        }
        return date;
    }

    /**
     * Whether someone born on {@code birthDate} has reached {@code age} years on {@code today}.
     *
     * @param birthDate birth date
     * @param age       the threshold N in whole years
     * @param today     the Europe/Oslo date to judge on
     * @return true from the N-th birthday on (inclusive)
     */
    public static boolean hasReached(LocalDate birthDate, int age, LocalDate today) {
        return !today.isBefore(dateReaching(birthDate, age));
    }
}
