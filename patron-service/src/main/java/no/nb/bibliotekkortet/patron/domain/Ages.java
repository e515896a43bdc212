package no.nb.bibliotekkortet.patron.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/**
 * The one helper for every age decision (DOMAIN.md, "Ages"; R18, R22): whole years completed on the local
 * date in Europe/Oslo, never the UTC date. A patron born 29 February reaches a new age on 1 March in
 * non-leap years (never early).
 */
public final class Ages {

    /** The register's time zone for dates. */
    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private Ages() {
    }

    /**
     * Age in whole years at an instant.
     *
     * @param birthDate the birth date (a calendar date, no zone)
     * @param at        the instant; converted to the Europe/Oslo date
     * @return completed years, 0 before the first birthday
     * @throws IllegalArgumentException when {@code at} lies before the birth date
     */
    public static int yearsAt(LocalDate birthDate, Instant at) {
        return yearsOn(birthDate, at.atZone(OSLO).toLocalDate());
    }

    /**
     * Age in whole years on a local Oslo date. {@link Period#between} counts 29 February → 28 February as
     * not yet a full year, so the new age starts on 1 March in non-leap years.
     *
     * @throws IllegalArgumentException when {@code date} is before {@code birthDate}
     */
    public static int yearsOn(LocalDate birthDate, LocalDate date) {
        if (date.isBefore(birthDate)) {
            throw new IllegalArgumentException("date before birth date");
        }
        return Period.between(birthDate, date).getYears();
    }

    /**
     * "Older than N" in R18 and "from the 15th birthday" in R22: true when the person has reached
     * {@code years} whole years at {@code at} (Europe/Oslo date). False before birth.
     */
    public static boolean hasReached(LocalDate birthDate, int years, Instant at) {
        LocalDate date = at.atZone(OSLO).toLocalDate();
        return !date.isBefore(birthDate) && yearsOn(birthDate, date) >= years;
    }

    /**
     * The date on which a person reaches {@code years} (R22: the 15th birthday), on the Oslo calendar: for a
     * 29 February birth in a non-leap year that is 1 March (never early).
     */
    public static LocalDate birthday(LocalDate birthDate, int years) {
        LocalDate d = birthDate.plusYears(years);
        return yearsOn(birthDate, d) >= years ? d : d.plusDays(1);
    }
}
