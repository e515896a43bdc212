package no.nb.bibliotekkortet.patron.service;

import java.time.LocalDate;
import java.util.UUID;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers;
import no.nb.bibliotekkortet.patron.domain.MembershipMode;
import no.nb.bibliotekkortet.patron.repository.Patron;

/**
 * A validated registration, ready for {@link RegistrationService}'s one all-or-nothing flow, whoever registers:
 * staff at a library ({@link #byStaff}: {@code createdBy} = library number, membership {@code IN_PERSON}), the
 * patron with ID-porten ({@link #bySelf}: {@code SELF}, membership {@code SELF_REGISTERED}) or a guardian for a
 * child ({@link #byGuardian}: {@code GUARDIAN}, with {@link #guardian}). Holds the identity number: {@code toString}
 * is redacted.
 *
 * @param printedCardNumber a printed card from the home library's series, or null for a digital number
 * @param homeLibraryField  the request field that named the home library (for a 422 unknown library)
 * @param membershipMode    how membership-service creates the home membership
 */
public record NewPatron(IdentityNumbers.Parsed identity, String givenNames, String surname, LocalDate birthDate,
                        Patron.BirthDateSource birthDateSource, boolean addressProtected, PatronInputs.Address permanent,
                        PatronInputs.Address temporary, PatronInputs.Phones phones, String email, Patron.Channel channel,
                        String language, String pin, String password, String printedCardNumber, String homeLibrary,
                        String homeLibraryField, String createdBy, MembershipMode membershipMode,
                        GuardianDeclaration guardian) {

    /** Who registers. */
    public static final String SELF = "SELF";
    public static final String GUARDIAN = "GUARDIAN";

    /** Who the patron is: identity, names, birth date and where it comes from. */
    public record Person(IdentityNumbers.Parsed identity, String givenNames, String surname, LocalDate birthDate,
                         Patron.BirthDateSource birthDateSource) {
        @Override
        public String toString() {
            return "Person[redacted]";
        }
    }

    /** How the patron is reached: addresses (none with {@code addressProtected}, R5), phones, e-mail, channel, language. */
    public record Contact(boolean addressProtected, PatronInputs.Address permanent, PatronInputs.Address temporary,
                          PatronInputs.Phones phones, String email, Patron.Channel channel, String language) {
    }

    /**
     * Staff register at their library (the home library, from the {@code Library-Number} header), membership
     * IN_PERSON, optionally with a printed card from the library's series and a PIN.
     */
    public static NewPatron byStaff(Person person, Contact contact, String pin, String printedCardNumber,
                                    String libraryNumber, String libraryField) {
        return of(person, contact, pin, null, printedCardNumber, libraryNumber, libraryField, libraryNumber,
                MembershipMode.IN_PERSON, null);
    }

    /** The patron registers with ID-porten: a digital card, membership SELF_REGISTERED at the chosen home library. */
    public static NewPatron bySelf(Person person, Contact contact, String pin, String password, String homeLibrary,
                                   String homeLibraryField) {
        return of(person, contact, pin, password, null, homeLibrary, homeLibraryField, SELF,
                MembershipMode.SELF_REGISTERED, null);
    }

    /**
     * A guardian registers a child under 15: no address or phones of the child's own (messages go to the guardian),
     * a digital card, membership SELF_REGISTERED.
     */
    public static NewPatron byGuardian(Person child, String language, String pin, String homeLibrary,
                                       String homeLibraryField, GuardianDeclaration guardian) {
        Contact none = new Contact(false, null, null, new PatronInputs.Phones(null, null, null), null,
                Patron.Channel.EMAIL, language);
        return of(child, none, pin, null, null, homeLibrary, homeLibraryField, GUARDIAN, MembershipMode.SELF_REGISTERED,
                guardian);
    }

    private static NewPatron of(Person p, Contact c, String pin, String password, String printedCardNumber,
                                String homeLibrary, String homeLibraryField, String createdBy, MembershipMode mode,
                                GuardianDeclaration guardian) {
        return new NewPatron(p.identity(), p.givenNames(), p.surname(), p.birthDate(), p.birthDateSource(),
                c.addressProtected(), c.permanent(), c.temporary(), c.phones(), c.email(), c.channel(), c.language(),
                pin, password, printedCardNumber, homeLibrary, homeLibraryField, createdBy, mode, guardian);
    }

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
