package no.nb.bibliotekkortet.membership.service;

/** State of a membership (R10). */
public enum MembershipState {
    /** Added (by the patron, or at a self-registration) but the library's rules are not yet accepted. */
    PENDING_ACTIVATION,
    /** The patron accepted the library's current rules (in person or digitally). */
    ACTIVE
}
