package no.nb.bibliotekkortet.auth.service;

import no.nb.bibliotekkortet.auth.client.ResolvedPatron;

/**
 * The outcome of one verification of card + secret.
 *
 * @param reason        null when valid, else why not
 * @param patron        the resolved patron when the secret matched (null otherwise; never returned to callers
 *                      outside auth-service)
 * @param achieved      the level the secret reached when it matched (PIN = low, password = substantial)
 * @param requiredLevel the level that was required, for {@link Reason#LEVEL_TOO_LOW}
 * @param subject       the pairwise subject for partners when valid
 */
public record Verification(Reason reason, ResolvedPatron patron, SecurityLevel achieved, SecurityLevel requiredLevel,
                           String subject) {

    /** True when the card and secret verified and every further check passed. */
    public boolean valid() {
        return reason == null;
    }

    static Verification refused(Reason reason) {
        return new Verification(reason, null, null, null, null);
    }
}
