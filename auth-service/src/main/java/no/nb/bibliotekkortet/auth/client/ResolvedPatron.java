package no.nb.bibliotekkortet.auth.client;

import java.time.LocalDate;

/**
 * patron-service's answer to resolve: opaque patron id, lifecycle state, birth date (may be null) and
 * its source ({@code IDENTITY_NUMBER}, {@code VERIFIED_IN_PERSON} or {@code DECLARED}). Never logged.
 */
public record ResolvedPatron(String patronId, String state, LocalDate birthDate, String birthDateSource) {
}
