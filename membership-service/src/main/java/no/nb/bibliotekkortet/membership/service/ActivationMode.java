package no.nb.bibliotekkortet.membership.service;

/** How a library accepts a patron's acceptance of its loan rules (R10); also how a membership was accepted. */
public enum ActivationMode {
    /** The patron must come in person; staff activate the membership. */
    IN_PERSON,
    /** The patron may accept the current rules digitally. */
    DIGITAL
}
