package no.nb.bibliotekkortet.patron.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import no.nb.bibliotekkortet.patron.repository.Patron;

/**
 * Request bodies of patron-service. Unknown fields are refused with 400 (so loans, reminders, fines or claims
 * can never be sent in, R15). Records that carry an identity number or PIN redact it from {@code toString}.
 */
public final class Requests {

    private Requests() {
    }

    /** An address: street lines (1–3), 4-digit postcode, place, ISO 3166 alpha-2 country (default NO). */
    public record AddressInput(List<String> streetLines, String postcode, String place, String country) {
    }

    /** A temporary address, valid until {@code validUntil} (inclusive, Oslo date). */
    public record TemporaryAddressInput(List<String> streetLines, String postcode, String place, String country,
                                        LocalDate validUntil) {
    }

    /** Phones as typed; stored in E.164. */
    public record PhonesInput(String home, String work, String mobile) {
    }

    /**
     * Registration by staff (R6, R8). {@code birthDate} is required for D-numbers (then VERIFIED_IN_PERSON) and
     * ignored otherwise (derived from the number). Either an address or {@code addressProtected: true} (R5,
     * then no address may be sent). {@code cardNumber}: a printed card from the library's series, or absent for
     * a digital number. {@code pin}: optional initial PIN, passed to auth-service.
     */
    public record RegistrationRequest(String identityNumber, String givenNames, String surname, LocalDate birthDate,
                                      AddressInput permanentAddress, TemporaryAddressInput temporaryAddress,
                                      Boolean addressProtected, PhonesInput phones, String email,
                                      Patron.Channel preferredChannel, String language, String pin, String cardNumber) {
        @Override
        public String toString() {
            return "RegistrationRequest[redacted]";
        }
    }

    /**
     * Self-registration with ID-porten (R9, R16, R22): the identity number comes from the token's {@code pid},
     * never from the body. {@code birthDate} only for D-number holders (stored as DECLARED). {@code homeLibrary}
     * must exist; {@code email} and {@code pin} are required, {@code password} optional. Address optional
     * (the population register supplies it), or {@code addressProtected: true} with no address (R5).
     */
    public record SelfRegistrationRequest(String givenNames, String surname, LocalDate birthDate, String homeLibrary,
                                          String email, PhonesInput phones, Patron.Channel preferredChannel,
                                          String language, String pin, String password, AddressInput permanentAddress,
                                          TemporaryAddressInput temporaryAddress, Boolean addressProtected) {
        @Override
        public String toString() {
            return "SelfRegistrationRequest[redacted]";
        }
    }

    /** Contact data a guardian gives for a child's messages (R22); e-mail and/or mobile phone. */
    public record GuardianContactInput(String email, String phone) {
    }

    /**
     * A guardian (ID-porten) registers a child under 15 (R22): the child's identity number, name, birth date
     * (D-numbers only, DECLARED), home library; optional PIN; the guardian's contact for the child's messages
     * (required unless the guardian is a registered patron, whose own contact is then used).
     */
    public record ChildRegistrationRequest(String identityNumber, String givenNames, String surname, LocalDate birthDate,
                                           String homeLibrary, String language, String pin,
                                           GuardianContactInput guardianContact) {
        @Override
        public String toString() {
            return "ChildRegistrationRequest[redacted]";
        }
    }

    /**
     * A change by the patron (or a guardian for a child) of contact data, temporary address and language,
     * confirmed by a one-time code ({@code otpId} + {@code code}, purpose {@code change-personal-data}; R16).
     * Absent fields stay as they are.
     */
    public record SelfChangeRequest(String otpId, String code, String email, PhonesInput phones,
                                    Patron.Channel preferredChannel, TemporaryAddressInput temporaryAddress,
                                    String language) {
        @Override
        public String toString() {
            return "SelfChangeRequest[redacted]";
        }
    }

    /** A change by staff at a member library: absent fields stay as they are. */
    public record UpdateRequest(AddressInput permanentAddress, TemporaryAddressInput temporaryAddress,
                                Boolean addressProtected, PhonesInput phones, String email,
                                Patron.Channel preferredChannel, String language) {
        @Override
        public String toString() {
            return "UpdateRequest[redacted]";
        }
    }

    /** Lookup by identity number (POST, never in the URL). */
    public record SearchRequest(String identityNumber) {
        @Override
        public String toString() {
            return "SearchRequest[redacted]";
        }
    }

    /** Internal resolve: exactly one of the two. */
    public record ResolveRequest(String cardNumber, String identityNumber) {
        @Override
        public String toString() {
            return "ResolveRequest[redacted]";
        }
    }

    /** Kinds of activity that keep a patron in the register (R21). */
    public enum ActivityKind { LOAN, ORDER, EBOOK, FILM, LOGIN, OTHER }

    /** Public activity report: card number, kind, time (UTC ISO-8601). */
    public record ActivityReport(String cardNumber, ActivityKind kind, Instant at) {
    }

    /** Internal activity report: card number or patron id, kind, time. */
    public record InternalActivity(String cardNumber, UUID patronId, ActivityKind kind, Instant at) {
    }

    /** One change of membership-service's memberships (its outbox); older versions are ignored. */
    public record MembershipChange(UUID patronId, String libraryNumber, String state, Boolean home, Long version) {
    }
}
