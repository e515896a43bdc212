package no.nb.bibliotekkortet.patron.lifecycle;

import java.time.LocalDate;
import java.time.Period;

/**
 * The dates of R21 as plain arithmetic on Europe/Oslo dates: a patron whose last activity (or registration) was on
 * date D is warned from D + 3 years − 30 days on; the deletion date is the warning's date + 30 days (so never less
 * than 30 days after the warning, and never before D + 3 years). Worked example: D = 2022-03-01 → warned from
 * 2025-01-30, deleted on 2025-03-01; a warning only sent on 2025-02-15 → deletion on 2025-03-17.
 */
public final class InactivityRules {

    private final Period inactivity;
    private final Period lead;

    /**
     * @param inactivity the inactivity period (3 years)
     * @param lead       warning lead and minimum notice (30 days)
     */
    public InactivityRules(Period inactivity, Period lead) {
        this.inactivity = inactivity;
        this.lead = lead;
    }

    /** The first date a patron last active on {@code lastActive} is warned (D + 3 years − 30 days). */
    public LocalDate warningDue(LocalDate lastActive) {
        return lastActive.plus(inactivity).minus(lead);
    }

    /** The deletion date named in a warning sent on {@code warnedOn} (warning date + 30 days). */
    public LocalDate deletionDate(LocalDate warnedOn) {
        return warnedOn.plus(lead);
    }

    /**
     * The latest last-activity date that is due for a warning on {@code today}: every patron last active on this
     * date or earlier is due (the inverse of {@link #warningDue}; checked against it, so month ends and
     * 29 February never make it warn early).
     */
    public LocalDate latestDueLastActivity(LocalDate today) {
        LocalDate candidate = today.plus(lead).minus(inactivity);
        while (warningDue(candidate.plusDays(1)).isBefore(today) || warningDue(candidate.plusDays(1)).isEqual(today)) {
            candidate = candidate.plusDays(1);
        }
        while (warningDue(candidate).isAfter(today)) {
            candidate = candidate.minusDays(1);
        }
        return candidate;
    }
}
