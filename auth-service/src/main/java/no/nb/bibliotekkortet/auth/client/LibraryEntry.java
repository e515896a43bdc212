package no.nb.bibliotekkortet.auth.client;

import java.util.List;

/**
 * The parts of a library's directory entry that auth-service uses: the login levels its system supports (membership's {@code securityLevels})
 * ({@code nlsso-loa-*} codes, R17), the partner ids it pays for (R11; {@code partnerServices}) and the minimum age for unstaffed
 * hours (R2; null = no minimum).
 */
public record LibraryEntry(String libraryNumber, List<String> supportedLevels, List<String> paidPartnerServices,
                           Integer unstaffedMinimumAge) {

    public LibraryEntry {
        supportedLevels = supportedLevels == null ? List.of() : List.copyOf(supportedLevels);
        paidPartnerServices = paidPartnerServices == null ? List.of() : List.copyOf(paidPartnerServices);
    }
}
