package no.nb.bibliotekkortet.patron.service;

import java.time.LocalDate;
import java.util.UUID;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers;
import no.nb.bibliotekkortet.patron.repository.Patron;

/**
 * A validated registration, ready for {@link RegistrationService}'s one all-or-nothing flow, whoever registers:
 * staff at a library ({@code createdBy} = library number, membership {@code IN_PERSON}), the patron with ID-porten
 * ({@code SELF}, membership {@code SELF_REGISTERED}) or a guardian for a child ({@code GUARDIAN}, with
 * {@link #guardian}). Holds the identity number: {@code toString} is redacted.
 *
 * @param printedCardNumber a printed card from the home library's series, or null for a digital number
 * @param homeLibraryField  the request field that named the home library (for a 422 unknown library)
 * @param membershipMode    {@code IN_PERSON} or {@code SELF_REGISTERED} (membership-service's registration modes)
 */
public record NewPatron(IdentityNumbers.Parsed identity, String givenNames, String surname, LocalDate birthDate,
                        Patron.BirthDateSource birthDateSource, boolean addressProtected, PatronInputs.Address permanent,
                        PatronInputs.Address temporary, PatronInputs.Phones phones, String email, Patron.Channel channel,
                        String language, String pin, String password, String printedCardNumber, String homeLibrary,
                        String homeLibraryField, String createdBy, String membershipMode, GuardianDeclaration guardian) {

    /** Who registers. */
    public static final String SELF = "SELF";
    public static final String GUARDIAN = "GUARDIAN";

    /**
     * A guardian's declaration for a child (R22): the guardian's keyed identity hash, their patron id when they
     * are registered, and the contact they gave for the child's messages (null to use their own record's).
     */
    public record GuardianDeclaration(byte[] guardianHash, UUID guardianPatronId, String email, String phone) {
        @Override
        public String toString() {
            return "GuardianDeclaration[redacted]";
        }
    }

    /**
     * The same registration with the population register's data (R5, R6): identity (its current number), name,
     * birth date, protection and addresses as decided by {@code population.RegistrationCheck}.
     */
    public NewPatron withRegisterData(IdentityNumbers.Parsed identity, String givenNames, String surname,
                                      LocalDate birthDate, Patron.BirthDateSource birthDateSource,
                                      boolean addressProtected, PatronInputs.Address permanent,
                                      PatronInputs.Address temporary) {
        return new NewPatron(identity, givenNames, surname, birthDate, birthDateSource, addressProtected, permanent,
                temporary, phones, email, channel, language, pin, password, printedCardNumber, homeLibrary,
                homeLibraryField, createdBy, membershipMode, guardian);
    }

    /** True for a child registered by a guardian. */
    public boolean child() {
        return guardian != null;
    }

    @Override
    public String toString() {
        return "NewPatron[redacted]";
    }
}
