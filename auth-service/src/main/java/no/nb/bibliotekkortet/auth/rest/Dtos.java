package no.nb.bibliotekkortet.auth.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import no.nb.bibliotekkortet.auth.service.Partner;

/** Request and response bodies of auth-service's API (kept apart from the service types). */
public final class Dtos {

    private Dtos() {
    }

    /** {@code PUT /internal/v1/patrons/{id}/credentials}: PIN (4–6 digits) and optional password (≥ 10). */
    public record CredentialsRequest(String pin, String password) {
    }

    /** Staff reset: the present patron's card, the new PIN and optionally a new password. */
    public record ResetRequest(String cardNumber, String pin, String password) {
    }

    /** Verification by a partner or library system: card number and PIN or password. */
    public record VerifyRequest(String cardNumber, String pin, String password) {
    }

    /** Door access: card number and PIN. */
    public record DoorRequest(String cardNumber, String pin) {
    }

    /** Age check: card + PIN/password, or a pairwise subject from a recent verification; the threshold in years. */
    public record AgeCheckRequest(String cardNumber, String pin, String password, String subject, Integer age) {
    }

    /**
     * Answer to a partner: {@code valid}, a reason code when not valid, the achieved level, the pairwise
     * subject; and for LEVEL_TOO_LOW the required level. No personal data.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PartnerVerification(boolean valid, String reason, String level, String requiredLevel, String subject) {
    }

    /** Answer to a library system: {@code valid}, reason, achieved level, required level for LEVEL_TOO_LOW. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LibraryVerification(boolean valid, String reason, String level, String requiredLevel) {
    }

    /** Answer to an age check: {@code reached}, or a reason when it could not be answered. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AgeCheckAnswer(Boolean reached, String reason) {
    }

    /** Answer to a door system: {@code granted} and, when denied, a reason code. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DoorAnswer(boolean granted, String reason) {
    }

    /** A partner registration (R18): kind FILM, EBOOK or OTHER; the age thresholds it may ask. */
    public record PartnerBody(String partnerId, String name, Partner.Kind kind, List<Integer> ageThresholds,
                              Boolean requiresPayingLibrary) {
    }

    /** One patron in an erasure verification: the patron id and, optionally, what the caller knows of them. */
    public record ErasureSubject(String patronId, String identityHash, String email, String phone) {
    }

    /** How many records auth-service still holds about the patrons asked about. */
    public record ErasureCount(long held) {
    }
}
