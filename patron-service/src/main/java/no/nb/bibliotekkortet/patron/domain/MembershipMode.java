package no.nb.bibliotekkortet.patron.domain;

/**
 * How a registration's home membership is created (membership-service's registration modes, R8, R9, R10). Which
 * state the membership gets is membership-service's rule; patron-service keeps the state it answers.
 */
public enum MembershipMode {
    /** Registered in person at the library (staff, or a local card linked to the national account). */
    IN_PERSON,
    /** Self-registration with ID-porten, or a child registered by a guardian. */
    SELF_REGISTERED
}
