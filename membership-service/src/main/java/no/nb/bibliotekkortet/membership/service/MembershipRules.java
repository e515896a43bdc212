package no.nb.bibliotekkortet.membership.service;

import no.nb.bibliotekkortet.common.problem.ProblemException;

/**
 * The membership rules of R8 and R10 as plain checks, free of I/O. Each method either returns or throws
 * the {@link ProblemException} the API answers with.
 */
public final class MembershipRules {

    private MembershipRules() {
    }

    /**
     * Adding a membership that already exists: the same state returns it (200), another state is a
     * conflict.
     *
     * @param existing  state of the existing membership
     * @param requested state the add would create
     * @throws ProblemException 409 {@code membership-state-conflict} when the states differ
     */
    public static void requireSameState(MembershipState existing, MembershipState requested) {
        if (existing != requested) {
            throw ProblemException.conflict("membership-state-conflict", "The membership exists in another state",
                    "The membership already exists with state " + existing + "; this request would create it as "
                            + requested);
        }
    }

    /**
     * Activation by the patron (R10): only at DIGITAL libraries, only with the current rules version.
     *
     * @param mode            the library's activation mode
     * @param currentVersion  the library's current loan-rules version
     * @param acceptedVersion the version the patron accepted
     * @throws ProblemException 409 {@code activation-in-person} at IN_PERSON libraries; 409
     *                          {@code stale-loan-rules} (field {@code rulesVersion}) naming the current version
     */
    public static void requireDigitalActivation(ActivationMode mode, int currentVersion, int acceptedVersion) {
        if (mode != ActivationMode.DIGITAL) {
            throw ProblemException.conflict("activation-in-person", "Activation must happen in person",
                    "This library requires the patron to come in person to accept its loan rules; staff then activate the membership");
        }
        if (acceptedVersion != currentVersion) {
            throw new ProblemException(no.nb.bibliotekkortet.common.problem.Problem.of(409, "stale-loan-rules",
                    "The accepted loan rules are not the current ones",
                    "The current loan rules version is " + currentVersion + "; accept that version",
                    "rulesVersion", "current version " + currentVersion));
        }
    }

    /**
     * Moving the home library (R8): only to an ACTIVE membership.
     *
     * @param target state of the membership that would become home
     * @throws ProblemException 409 {@code home-library-not-active} when it is pending
     */
    public static void requireActiveForHome(MembershipState target) {
        if (target != MembershipState.ACTIVE) {
            throw ProblemException.conflict("home-library-not-active", "The home library must be an active membership",
                    "The membership is pending activation; activate it before making it the home library");
        }
    }
}
