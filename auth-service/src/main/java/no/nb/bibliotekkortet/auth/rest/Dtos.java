package no.nb.bibliotekkortet.auth.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import no.nb.bibliotekkortet.auth.domain.Partner;

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

    /** {@code POST /api/v1/otp}: purpose ({@code change-personal-data|change-pin|change-password}), channel EMAIL|SMS (optional). */
    public record OtpRequest(String purpose, String channel) {
    }

    /** A code was issued and queued for sending: its id, the channel and the expiry; never the code. */
    public record OtpIssued(String otpId, String channel, java.time.Instant expiresAt) {
    }

    /** {@code POST /internal/v1/otp/consume}. */
    public record OtpConsumeRequest(String otpId, String code, String purpose, String patronId) {
        @Override
        public String toString() {
            return "OtpConsumeRequest[" + otpId + ", " + purpose + "]";
        }
    }

    /** Answer to consume: {@code valid} and, when not, a reason (INVALID, EXPIRED, USED, WRONG_PURPOSE, TOO_MANY_TRIES). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OtpConsumeAnswer(boolean valid, String reason) {
    }

    /**
     * {@code POST /api/v1/patron-sessions}: one step {cardNumber, pin | password}; two steps: first
     * {cardNumber, pin, secondFactor: "one-time-code", channel?}, then {otpId, code}.
     */
    public record SessionRequest(String cardNumber, String pin, String password, String secondFactor, String channel,
                                 String otpId, String code) {
        @Override
        public String toString() {
            return "SessionRequest[****]";
        }
    }

    /** A patron token: {@code accessToken} (JWT), {@code tokenType} Bearer, {@code expiresIn} seconds, {@code level}. */
    public record SessionToken(String accessToken, String tokenType, long expiresIn, String level) {
    }

    /** Two-step login, first step done: the login code's id, channel and expiry. */
    public record SessionCodeSent(String otpId, String channel, java.time.Instant expiresAt, String secondFactor) {
    }

    /** {@code GET /api/v1/me/credentials}: the chosen level and whether a PIN / password is set. */
    public record CredentialsOverview(String securityLevel, boolean pin, boolean password) {
    }

    /** {@code PUT /api/v1/me/credentials/security-level}. */
    public record SecurityLevelRequest(String securityLevel) {
    }

    /** {@code PUT /api/v1/me/credentials/pin}: the new PIN and the change-pin code (no code: forgotten PIN after ID-porten). */
    public record PinChange(String pin, String otpId, String code) {
        @Override
        public String toString() {
            return "PinChange[****]";
        }
    }

    /** {@code PUT /api/v1/me/credentials/password}: the new password and the change-password code. */
    public record PasswordChange(String password, String otpId, String code) {
        @Override
        public String toString() {
            return "PasswordChange[****]";
        }
    }
}
