package no.nb.bibliotekkortet.membership.service;

/**
 * Where a library without a signed data processing agreement stands in the ILL escalation (R23).
 * Stored as its ordinal (0..4).
 */
public enum DpaEscalation {
    NONE(null),
    REMINDER_1("dpa-reminder-1"),
    REMINDER_2("dpa-reminder-2"),
    FINAL_WARNING("dpa-final-warning"),
    BLOCKED("ill-blocked");

    private final String templateId;

    DpaEscalation(String templateId) {
        this.templateId = templateId;
    }

    /** The notification template e-mailed to the library when it reaches this step; null for NONE. */
    public String templateId() {
        return templateId;
    }

    /** The step stored as {@code level} (0..4). */
    public static DpaEscalation of(int level) {
        return values()[level];
    }
}
