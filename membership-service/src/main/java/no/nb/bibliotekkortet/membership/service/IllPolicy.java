package no.nb.bibliotekkortet.membership.service;

import java.time.LocalDate;

/**
 * The inter-library loan rule of R23, free of I/O: orders by patrons are always allowed; staff orders
 * from a library that has not signed the data processing agreement are allowed before the deadline, and
 * after it walk, order by order, through reminder 1, reminder 2, final warning (all allowed) and then
 * refusal until the agreement is recorded.
 */
public final class IllPolicy {

    /** Who places an ILL order. */
    public enum OrderedBy { STAFF, PATRON }

    /**
     * The outcome of one authorisation.
     *
     * @param allowed whether the order may go ahead
     * @param step    the library's escalation step after this order (unchanged when nothing happened)
     * @param stepped  true when this order moved the library to {@code step} (the step's e-mail is due)
     */
    public record Decision(boolean allowed, DpaEscalation step, boolean stepped) {
    }

    private IllPolicy() {
    }

    /**
     * Decides one ILL order.
     *
     * @param orderedBy STAFF or PATRON
     * @param signed    whether the library has a recorded signed agreement
     * @param current   the library's current escalation step
     * @param today     today's date in Europe/Oslo
     * @param deadline  the agreement deadline (first date on which unsigned libraries are escalated is the day after)
     * @return the decision; never null
     */
    public static Decision decide(OrderedBy orderedBy, boolean signed, DpaEscalation current, LocalDate today,
                                  LocalDate deadline) {
        if (orderedBy == OrderedBy.PATRON || signed || !today.isAfter(deadline)) {
            return new Decision(true, current, false);
        }
        return switch (current) {
            case NONE -> new Decision(true, DpaEscalation.REMINDER_1, true);
            case REMINDER_1 -> new Decision(true, DpaEscalation.REMINDER_2, true);
            case REMINDER_2 -> new Decision(true, DpaEscalation.FINAL_WARNING, true);
            case FINAL_WARNING -> new Decision(false, DpaEscalation.BLOCKED, true);
            case BLOCKED -> new Decision(false, DpaEscalation.BLOCKED, false);
        };
    }
}
