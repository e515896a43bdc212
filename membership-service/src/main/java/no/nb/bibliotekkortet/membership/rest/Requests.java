package no.nb.bibliotekkortet.membership.rest;

import no.nb.bibliotekkortet.common.json.MultiLine;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import no.nb.bibliotekkortet.common.security.ClientKind;
import no.nb.bibliotekkortet.membership.service.ActivationMode;
import no.nb.bibliotekkortet.membership.service.IllPolicy;
import no.nb.bibliotekkortet.membership.service.MembershipService;

/** Request bodies; unknown fields are refused (400) by the shared strict JSON settings. */
public final class Requests {

    static final String CARD_NUMBER = "N\\d{9}";
    static final String LIBRARY_NUMBER = "\\d{7}";
    static final String PARTNER_ID = "[a-z0-9][a-z0-9-]{0,49}";

    private Requests() {
    }

    /** A new library (NB). */
    public record NewLibrary(
            @NotNull @Pattern(regexp = LIBRARY_NUMBER, message = "must be 7 digits") String libraryNumber,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Min(0) @Max(9) Integer type,
            @NotNull @Pattern(regexp = "\\d{4}", message = "must be 4 digits") String municipalityCode,
            ActivationMode activationMode,
            List<@Pattern(regexp = "nlsso-loa-(low|substantial|high)") String> securityLevels,
            List<@Pattern(regexp = PARTNER_ID) String> partnerServices,
            @Min(0) @Max(120) Integer unstaffedMinimumAge,
            @Email @Size(max = 254) String contactEmail) {
    }

    /** A change of a library's settings (NB); null fields are unchanged. */
    public record LibraryPatch(
            @Size(min = 1, max = 200) String name,
            ActivationMode activationMode,
            List<@Pattern(regexp = "nlsso-loa-(low|substantial|high)") String> securityLevels,
            List<@Pattern(regexp = PARTNER_ID) String> partnerServices,
            @Min(0) @Max(120) Integer unstaffedMinimumAge,
            @Email @Size(max = 254) String contactEmail) {
    }

    /** A new loan-rules version: text or link, valid from a date (default today). */
    public record NewLoanRules(@MultiLine @Size(max = 4000) String text,
                               @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String link,
                               LocalDate validFrom) {
    }

    /** A signed data processing agreement. */
    public record SignedAgreement(@NotNull LocalDate signedOn, @NotBlank @Size(max = 50) String agreementVersion) {
    }

    /** A patron identified by card number (staff, patron present). */
    public record CardNumber(@NotNull @Pattern(regexp = CARD_NUMBER, message = "must be N followed by 9 digits") String cardNumber) {
    }

    /** Staff move a patron's home library. */
    public record StaffHomeLibrary(@NotNull @Pattern(regexp = CARD_NUMBER, message = "must be N followed by 9 digits") String cardNumber,
                                   @NotNull String libraryNumber) {
    }

    /** The patron adds a library; {@code patronId} optional and must be the caller's own. */
    public record AddLibrary(@NotNull String libraryNumber, String patronId) {
    }

    /** The patron accepts a library's rules (R10); {@code patronId} optional and must be the caller's own. */
    public record Activation(@NotNull Integer rulesVersion, String patronId) {
    }

    /** The patron moves the home library (R8); {@code patronId} optional and must be the caller's own. */
    public record HomeLibrary(@NotNull String libraryNumber, String patronId) {
    }

    /** ILL authorisation request (Biblioteksøk). */
    public record IllOrder(@NotNull String libraryNumber, @NotNull IllPolicy.OrderedBy orderedBy) {
    }

    /** A client registry entry, as created or changed by NB. */
    public record ClientBody(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+") String clientId,
                             @NotNull ClientKind kind,
                             @Size(max = 200) String name,
                             Set<String> libraryNumbers,
                             @Pattern(regexp = PARTNER_ID) String partnerId,
                             Boolean active) {
    }

    /** A client registry change (PUT): as {@link ClientBody} without the id. */
    public record ClientChange(@NotNull ClientKind kind,
                               @Size(max = 200) String name,
                               Set<String> libraryNumbers,
                               @Pattern(regexp = PARTNER_ID) String partnerId,
                               @NotNull Boolean active) {
    }

    /** Internal: the membership of a registration. */
    public record RegistrationMembership(@NotBlank @Size(max = 64) String patronId, @NotNull String libraryNumber,
                                         @NotNull MembershipService.RegistrationMode mode) {
    }

    /** Internal: erasure verification item; membership only holds patron ids, the rest is accepted and ignored. */
    public record VerifyItem(@NotBlank @Size(max = 64) String patronId, String identityHash, String email, String phone) {
    }

    /** Non-empty batch bound. */
    public static final int MAX_BATCH = 1000;

    /** Checks a batch size. */
    public static void requireBatch(List<?> list) {
        if (list == null || list.isEmpty() || list.size() > MAX_BATCH) {
            throw no.nb.bibliotekkortet.common.problem.ProblemException.badRequest("body", "1.." + MAX_BATCH + " items",
                    "A batch holds 1 to " + MAX_BATCH + " items");
        }
    }

}
