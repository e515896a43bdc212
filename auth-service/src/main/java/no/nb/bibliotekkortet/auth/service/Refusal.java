package no.nb.bibliotekkortet.auth.service;

/** A refusal by a check that runs after the secret matched: the reason and, for LEVEL_TOO_LOW, the required level. */
public record Refusal(Reason reason, SecurityLevel requiredLevel) {

    public static Refusal of(Reason reason) {
        return new Refusal(reason, null);
    }
}
