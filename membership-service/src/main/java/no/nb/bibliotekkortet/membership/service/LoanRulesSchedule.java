package no.nb.bibliotekkortet.membership.service;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.membership.repository.LoanRules;

/**
 * A library's loan rules on a given day (R10), free of I/O: the current version is the highest one whose
 * {@code validFrom} is on or before that day; the versions dated later are upcoming and become current on
 * their date without any action.
 *
 * @param current  the rules in force (activations accept this version)
 * @param upcoming published versions not yet in force, in the order they take effect (a version replaced
 *                 by a later one with the same date before it took effect is left out)
 */
public record LoanRulesSchedule(LoanRules current, List<LoanRules> upcoming) {

    /**
     * The schedule of these versions on {@code today}.
     *
     * @param versions every version of one library (at least version 1)
     * @param today    the day in Europe/Oslo
     */
    public static LoanRulesSchedule of(List<LoanRules> versions, LocalDate today) {
        List<LoanRules> byVersion = versions.stream().sorted(Comparator.comparingInt(r -> r.version)).toList();
        LoanRules current = byVersion.stream().filter(r -> !r.validFrom.isAfter(today)).reduce((a, b) -> b)
                // Only data from before version history (a future date stored as the only version): the earliest one.
                .orElse(byVersion.get(0));
        List<LoanRules> upcoming = byVersion.stream()
                .filter(r -> r.version > current.version && r.validFrom.isAfter(today))
                .filter(r -> byVersion.stream().noneMatch(later -> later.version > r.version && !later.validFrom.isAfter(r.validFrom)))
                .toList();
        return new LoanRulesSchedule(current, upcoming);
    }

    /** The latest published version (the current one when nothing is upcoming). */
    public LoanRules latest() {
        return upcoming.isEmpty() ? current : upcoming.get(upcoming.size() - 1);
    }

    /**
     * A new version's first day (rules cannot be back-dated): not before the current version's date, not
     * before today, and not before the latest upcoming version's date (the same date replaces it).
     *
     * @throws ProblemException 422 (field {@code validFrom}) {@code not-before-current}, {@code not-in-the-past}
     *                          or {@code not-before-upcoming}
     */
    public void requirePublishable(LocalDate validFrom, LocalDate today) {
        if (validFrom.isAfter(today.plus(MAX_AHEAD))) {
            throw ProblemException.unprocessable("loan-rules-too-far-ahead", "The loan rules cannot apply from that date",
                    "Loan rules can be published at most " + MAX_AHEAD.getYears() + " years ahead (until "
                            + today.plus(MAX_AHEAD) + "); a date further ahead would block every later version",
                    "validFrom", "at most " + MAX_AHEAD.getYears() + " years ahead");
        }
        if (validFrom.isBefore(current.validFrom)) {
            throw backDated("not-before-current", "The current loan rules (version " + current.version + ") apply from "
                    + current.validFrom + "; a new version cannot apply from an earlier date");
        }
        if (validFrom.isBefore(today)) {
            throw backDated("not-in-the-past", "Loan rules cannot be back-dated: the earliest date is today, " + today);
        }
        LoanRules latest = latest();
        if (validFrom.isBefore(latest.validFrom)) {
            throw backDated("not-before-upcoming", "Loan rules version " + latest.version + " applies from "
                    + latest.validFrom + "; a new version cannot apply from an earlier date");
        }
    }

    /** How far ahead a new version may be dated (R10; a version dated 9999-12-31 would block every later one). */
    public static final java.time.Period MAX_AHEAD = java.time.Period.ofYears(5);

    private static ProblemException backDated(String rule, String detail) {
        return ProblemException.unprocessable("loan-rules-back-dated", "The loan rules cannot apply from that date",
                detail, "validFrom", rule);
    }
}
