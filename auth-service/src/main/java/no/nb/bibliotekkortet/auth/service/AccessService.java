package no.nb.bibliotekkortet.auth.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import no.nb.bibliotekkortet.auth.client.MembershipClient;
import no.nb.bibliotekkortet.auth.client.LibraryEntry;
import no.nb.bibliotekkortet.auth.client.ResolvedPatron;

/**
 * Verification for library systems (R17) and door access at self-service libraries (R2).
 */
@ApplicationScoped
public class AccessService {

    private final VerificationService verifications;
    private final PartnerService partners;
    private final MembershipClient memberships;
    private final Clock clock;

    public AccessService(VerificationService verifications, PartnerService partners, MembershipClient memberships, Clock clock) {
        this.verifications = verifications;
        this.partners = partners;
        this.memberships = memberships;
        this.clock = clock;
    }

    /**
     * A library system of {@code libraryNumber} verifies card + secret (R17): the patron's chosen level,
     * raised to the lowest level at or above it that the library supports, must be met by the secret
     * (PIN = low, password = substantial). Success is reported as LOGIN activity.
     *
     * @return valid with the achieved level, or INVALID / LOCKED / LEVEL_TOO_LOW (with the required level)
     */
    public Verification verifyForLibrary(String libraryNumber, String clientId, String cardNumber, String pin,
                                         String password) {
        return verifications.verify(new VerificationService.Attempt(AuthMetrics.Caller.LIBRARY, clientId, cardNumber, pin, password),
                VerificationService.checks((patron, kind) -> {
                    List<SecurityLevel> supported = memberships.library(libraryNumber)
                            .map(LibraryEntry::supportedLevels).orElse(List.of()).stream()
                            .map(SecurityLevel::ofCode).flatMap(Optional::stream).toList();
                    SecurityLevel required = LevelPolicy.required(partners.chosenLevel(patron.patronId()), supported);
                    return LevelPolicy.shortfall(LevelPolicy.achieved(kind), required)
                            .map(l -> new Refusal(Reason.LEVEL_TOO_LOW, l));
                }), "LOGIN");
    }

    /**
     * A door system of {@code libraryNumber} asks whether card + PIN opens the door (R2): a valid PIN, no
     * lock, an ACTIVE membership at the library and at least the library's minimum age for unstaffed hours.
     * The chosen security level does not apply. Failures count toward the lockout.
     *
     * @return granted, or INVALID / LOCKED / NOT_MEMBER / TOO_YOUNG (no birth date known counts as too young
     *         when the library has a minimum age) / UNVERIFIED_BIRTH_DATE (only a declared birth date, at a library
     *         with a minimum age)
     */
    public Verification openDoor(String libraryNumber, String clientId, String cardNumber, String pin) {
        return verifications.verify(new VerificationService.Attempt(AuthMetrics.Caller.DOOR, clientId, cardNumber, pin, null),
                VerificationService.checks((patron, kind) -> doorChecks(libraryNumber, patron)), "LOGIN");
    }

    private Optional<Refusal> doorChecks(String libraryNumber, ResolvedPatron patron) {
        boolean member = memberships.memberships(patron.patronId()).stream()
                .anyMatch(m -> m.active() && libraryNumber.equals(m.libraryNumber()));
        if (!member) {
            return Optional.of(Refusal.of(Reason.NOT_MEMBER));
        }
        Integer minimumAge = memberships.library(libraryNumber).map(LibraryEntry::unstaffedMinimumAge).orElse(null);
        if (minimumAge != null && AgeCheckService.DECLARED.equals(patron.birthDateSource())) {
            // A birth date the patron only declared proves no age (as for partners' age checks): staff can record
            // it as verified in person.
            return Optional.of(Refusal.of(Reason.UNVERIFIED_BIRTH_DATE));
        }
        if (minimumAge != null && (patron.birthDate() == null
                || !AgeRule.hasReached(patron.birthDate(), minimumAge, AgeRule.today(clock)))) {
            return Optional.of(Refusal.of(Reason.TOO_YOUNG));
        }
        return Optional.empty();
    }
}
