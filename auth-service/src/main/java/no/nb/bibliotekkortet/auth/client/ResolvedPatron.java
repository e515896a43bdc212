package no.nb.bibliotekkortet.auth.client;

import java.time.LocalDate;

/**
 * patron-service's answer to resolve: opaque patron id, lifecycle state, birth date (may be null) and
 * its source ({@code IDENTITY_NUMBER}, {@code VERIFIED_IN_PERSON} or {@code DECLARED}), and — when resolved by
 * card number — the state of that number: {@code ACTIVE} or {@code RETIRED} (a number retired by a card swap, a
 * lost card or a merge still resolves to its account, but never verifies a PIN or password, R1; null when resolved
 * by identity number or when patron-service did not say). Never logged.
 */
public record ResolvedPatron(String patronId, String state, LocalDate birthDate, String birthDateSource,
                             String cardState) {

    /** True when the card number this patron was resolved by is ACTIVE (absent = not active: fail closed). */
    public boolean cardActive() {
        return "ACTIVE".equals(cardState);
    }
}
