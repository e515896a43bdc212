package no.nb.bibliotekkortet.patron.service;

import java.time.LocalDate;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.patron.domain.Ages;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.service.Requests.ChildRegistrationRequest;
import no.nb.bibliotekkortet.patron.service.Requests.SelfRegistrationRequest;

/**
 * Validation of registrations by citizens (R9, R16, R22), free of I/O: the self-registration of a patron from
 * the 15th birthday, and a guardian's registration of a child under 15. Every age decision goes through
 * {@link Ages} on the Europe/Oslo date {@code today}. Problems never contain identity numbers.
 */
public final class SelfRegistrations {

    /** From this birthday patrons register themselves; until the day before it a guardian registers and manages them. */
    public static final int SELF_REGISTRATION_AGE = 15;
    /** A guardian with a fødselsnummer must have reached this age. */
    public static final int GUARDIAN_AGE = 18;
    /** Where a guardian registers a child. */
    public static final String GUARDIAN_ROUTE = "/api/v1/me/children";

    private SelfRegistrations() {
    }

    /**
     * The caller's own identity number from the token ({@code pid}).
     *
     * @throws ProblemException 403 {@code identity-number-refused} when the register does not accept it (field {@code pid})
     */
    public static IdentityNumbers.Parsed caller(IdentityNumbers rules, String pid) {
        IdentityNumbers.Result result = pid == null ? null : rules.check(pid);
        if (result == null || !result.accepted()) {
            throw new ProblemException(Problem.of(403, "identity-number-refused", "Identity number not accepted",
                    result == null ? "The login carries no identity number" : result.refusal().message, "pid",
                    result == null ? "pid" : result.refusal().rule));
        }
        return result.parsed();
    }

    /**
     * A self-registration (R9, R22).
     *
     * @throws ProblemException 403 {@code guardian-required} before the 15th birthday (detail names the guardian
     *                          route); 400 naming the field: {@code birthDate} (D-numbers), {@code givenNames},
     *                          {@code surname}, {@code homeLibrary}, {@code email}, {@code pin} (4–6 digits),
     *                          {@code password} (10–128 characters), phones, addresses; 422 birth date in the
     *                          future or differing from a fødselsnummer's, address with {@code addressProtected} (R5)
     */
    public static NewPatron validate(IdentityNumbers rules, String pid, SelfRegistrationRequest r, LocalDate today) {
        IdentityNumbers.Parsed identity = caller(rules, pid);
        if (r == null) {
            throw ProblemException.badRequest(null, "a JSON body is required", "A JSON body is required");
        }
        BirthDate birth = birthDate(identity, r.birthDate(), today);
        if (Ages.yearsOn(birth.date(), today) < SELF_REGISTRATION_AGE) {
            throw new ProblemException(Problem.of(403, "guardian-required", "Too young to register oneself",
                    "Self-registration is possible from the 15th birthday; until then a guardian registers the child "
                            + "after logging in with ID-porten (POST " + GUARDIAN_ROUTE + ")", null, "R22"));
        }
        String given = PatronInputs.name(r.givenNames(), "givenNames");
        String surname = PatronInputs.name(r.surname(), "surname");
        String home = homeLibrary(r.homeLibrary());
        if (r.email() == null) {
            throw ProblemException.badRequest("email", "required", "An e-mail address is required");
        }
        String email = PatronInputs.email(r.email());
        PatronInputs.Phones phones = PatronInputs.phones(r.phones());
        String language = PatronInputs.language(r.language(), "nb");
        Patron.Channel channel = r.preferredChannel() != null ? r.preferredChannel() : Patron.Channel.EMAIL;
        if (channel == Patron.Channel.SMS && phones.mobile() == null) {
            throw ProblemException.badRequest("phones.mobile", "required for channel SMS", "Preferred channel SMS needs a mobile phone");
        }
        if (r.pin() == null) {
            throw ProblemException.badRequest("pin", "required", "A PIN is required");
        }
        requirePin(r.pin());
        if (r.password() != null && (r.password().length() < 10 || r.password().length() > 128)) {
            throw ProblemException.badRequest("password", "10 to 128 characters", "A password has 10 to 128 characters");
        }
        boolean protectedAddress = Boolean.TRUE.equals(r.addressProtected());
        if (protectedAddress && (r.permanentAddress() != null || r.temporaryAddress() != null)) {
            throw PatronInputs.secretAddressWithAddress(r.permanentAddress() != null ? "permanentAddress" : "temporaryAddress");
        }
        PatronInputs.Address permanent = PatronInputs.address(r.permanentAddress(), "permanentAddress");
        PatronInputs.Address temporary = PatronInputs.temporaryAddress(r.temporaryAddress(), "temporaryAddress", today);
        return NewPatron.bySelf(new NewPatron.Person(identity, given, surname, birth.date(), birth.source()),
                new NewPatron.Contact(protectedAddress, permanent, temporary, phones, email, channel, language),
                r.pin(), r.password(), home, "homeLibrary");
    }

    /**
     * A guardian's registration of a child (R22).
     *
     * @param guardian         the guardian's own identity (from {@code pid})
     * @param guardianPatronId the guardian's patron id when registered, else null (then {@code guardianContact} is required)
     * @throws ProblemException 422 {@code child-not-under-15} from the child's 15th birthday (rule R22),
     *                          {@code guardian-is-child} for the guardian's own number; 403 {@code guardian-under-18};
     *                          400 naming the field for missing/malformed input
     */
    public static NewPatron validateChild(IdentityNumbers rules, IdentityNumbers.Parsed guardian, byte[] guardianHash,
                                          UUID guardianPatronId, ChildRegistrationRequest r, LocalDate today) {
        if (r == null) {
            throw ProblemException.badRequest(null, "a JSON body is required", "A JSON body is required");
        }
        if (guardian.birthDate().isPresent() && !guardian.birthDate().get().isAfter(today)
                && Ages.yearsOn(guardian.birthDate().get(), today) < GUARDIAN_AGE) {
            throw ProblemException.forbidden("guardian-under-18", "A guardian registering a child must be of age (18)");
        }
        IdentityNumbers.Parsed child = PatronInputs.identityNumber(rules, r.identityNumber(), "identityNumber");
        if (child.value().equals(guardian.value())) {
            throw ProblemException.unprocessable("guardian-is-child", "Own identity number",
                    "The child's identity number is the guardian's own", "identityNumber", "R22");
        }
        BirthDate birth = birthDate(child, r.birthDate(), today);
        if (Ages.yearsOn(birth.date(), today) >= SELF_REGISTRATION_AGE) {
            throw ProblemException.unprocessable("child-not-under-15", "Not a child under 15",
                    "From the 15th birthday a person registers themselves with ID-porten", "identityNumber", "R22");
        }
        String given = PatronInputs.name(r.givenNames(), "givenNames");
        String surname = PatronInputs.name(r.surname(), "surname");
        String home = homeLibrary(r.homeLibrary());
        String language = PatronInputs.language(r.language(), "nb");
        if (r.pin() != null) {
            requirePin(r.pin());
        }
        String email = null;
        String phone = null;
        if (r.guardianContact() != null) {
            email = r.guardianContact().email() == null ? null
                    : PatronInputs.email(r.guardianContact().email(), "guardianContact.email");
            phone = PatronInputs.phone(r.guardianContact().phone(), "guardianContact.phone");
        }
        if (email == null && phone == null && guardianPatronId == null) {
            throw ProblemException.badRequest("guardianContact", "e-mail or phone",
                    "Give an e-mail address or phone for the child's messages (the guardian is not a registered patron)");
        }
        return NewPatron.byGuardian(new NewPatron.Person(child, given, surname, birth.date(), birth.source()), language,
                r.pin(), home, "homeLibrary", new NewPatron.GuardianDeclaration(guardianHash, guardianPatronId, email, phone));
    }

    private record BirthDate(LocalDate date, Patron.BirthDateSource source) {
    }

    /** Fødselsnummer: derived (a differing body value is 422); D-number: from the body, DECLARED (400 when absent). */
    private static BirthDate birthDate(IdentityNumbers.Parsed identity, LocalDate given, LocalDate today) {
        LocalDate date;
        Patron.BirthDateSource source;
        if (identity.birthDate().isPresent()) {
            date = identity.birthDate().get();
            source = Patron.BirthDateSource.IDENTITY_NUMBER;
            if (given != null && !given.equals(date)) {
                throw ProblemException.unprocessable("birth-date-mismatch", "Birth date does not match",
                        "The birth date differs from the one the fødselsnummer gives", "birthDate", "matches identity number");
            }
        } else {
            if (given == null) {
                throw ProblemException.badRequest("birthDate", "required for D-numbers",
                        "A D-number does not give the birth date; send the birth date");
            }
            date = given;
            source = Patron.BirthDateSource.DECLARED;
        }
        if (date.isAfter(today)) {
            throw ProblemException.unprocessable("birth-date-in-future", "Birth date in the future",
                    "The birth date lies in the future", "birthDate", "not in the future");
        }
        return new BirthDate(date, source);
    }

    private static String homeLibrary(String value) {
        if (value == null) {
            throw ProblemException.badRequest("homeLibrary", "required", "The home library is required");
        }
        LibraryAccess.requireWellFormed(value, "homeLibrary");
        return value;
    }

    private static void requirePin(String pin) {
        if (!pin.matches("\\d{4,6}")) {
            throw ProblemException.badRequest("pin", "4 to 6 digits", "A PIN is 4 to 6 digits");
        }
    }
}
