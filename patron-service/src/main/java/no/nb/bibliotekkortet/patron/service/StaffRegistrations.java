package no.nb.bibliotekkortet.patron.service;

import java.time.LocalDate;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.service.Requests.RegistrationRequest;

/**
 * Validation of a registration by staff at a library (R6, R7, R5, R8), free of I/O, beside
 * {@link SelfRegistrations} for registrations by citizens. Problems never contain identity numbers.
 */
public final class StaffRegistrations {

    private StaffRegistrations() {
    }

    /**
     * A registration by staff at library {@code libraryNumber} (the home library; membership IN_PERSON).
     *
     * @param today the Europe/Oslo date
     * @throws ProblemException 400 naming the field: body, {@code identityNumber}, names, {@code birthDate}
     *                          (D-numbers), addresses, phones, {@code email} (or a mobile phone), {@code pin} (4–6
     *                          digits), {@code cardNumber} ({@code N} + 9 digits); 422 birth date in the future or
     *                          differing from a fødselsnummer's, refused identity numbers, an address with
     *                          {@code addressProtected} (R5)
     */
    public static NewPatron validate(IdentityNumbers identityNumbers, String libraryNumber, RegistrationRequest r,
                                     LocalDate today) {
        if (r == null) {
            throw ProblemException.badRequest(null, "a JSON body is required", "A JSON body is required");
        }
        IdentityNumbers.Parsed identity = PatronInputs.identityNumber(identityNumbers, r.identityNumber(), "identityNumber");
        String given = PatronInputs.name(r.givenNames(), "givenNames");
        String surname = PatronInputs.name(r.surname(), "surname");
        LocalDate birthDate;
        Patron.BirthDateSource source;
        if (identity.birthDate().isPresent()) {
            birthDate = identity.birthDate().get();
            source = Patron.BirthDateSource.IDENTITY_NUMBER;
            if (r.birthDate() != null && !r.birthDate().equals(birthDate)) {
                throw ProblemException.unprocessable("birth-date-mismatch", "Birth date does not match",
                        "The birth date differs from the one the fødselsnummer gives", "birthDate", "matches identity number");
            }
        } else {
            if (r.birthDate() == null) {
                throw ProblemException.badRequest("birthDate", "required for D-numbers",
                        "A D-number does not give the birth date; send the birth date verified in person");
            }
            birthDate = r.birthDate();
            source = Patron.BirthDateSource.VERIFIED_IN_PERSON;
        }
        if (birthDate.isAfter(today)) {
            throw ProblemException.unprocessable("birth-date-in-future", "Birth date in the future",
                    "The birth date lies in the future", "birthDate", "not in the future");
        }
        boolean protectedAddress = Boolean.TRUE.equals(r.addressProtected());
        if (protectedAddress && (r.permanentAddress() != null || r.temporaryAddress() != null)) {
            throw PatronInputs.secretAddressWithAddress(r.permanentAddress() != null ? "permanentAddress" : "temporaryAddress");
        }
        PatronInputs.Address permanent = PatronInputs.address(r.permanentAddress(), "permanentAddress");
        if (!protectedAddress && permanent == null) {
            throw ProblemException.badRequest("permanentAddress", "required unless addressProtected",
                    "A permanent address is required unless the patron has a secret address");
        }
        PatronInputs.Address temporary = PatronInputs.temporaryAddress(r.temporaryAddress(), "temporaryAddress", today);
        PatronInputs.Phones phones = PatronInputs.phones(r.phones());
        String email = PatronInputs.email(r.email());
        String language = PatronInputs.language(r.language(), "nb");
        if (email == null && phones.mobile() == null) {
            // Codes and notices (R16, R20, R21) need somewhere to go.
            throw ProblemException.badRequest("email", "an e-mail address or a mobile phone",
                    "A patron needs an e-mail address or a mobile phone for codes and notices");
        }
        Patron.Channel channel = r.preferredChannel() != null ? r.preferredChannel()
                : (email != null ? Patron.Channel.EMAIL : Patron.Channel.SMS);
        if (channel == Patron.Channel.EMAIL && email == null) {
            throw ProblemException.badRequest("email", "required for channel EMAIL", "Preferred channel EMAIL needs an e-mail address");
        }
        if (channel == Patron.Channel.SMS && phones.mobile() == null) {
            throw ProblemException.badRequest("phones.mobile", "required for channel SMS", "Preferred channel SMS needs a mobile phone");
        }
        if (r.pin() != null && !r.pin().matches("\\d{4,6}")) {
            // The form only; auth-service refuses trivial PINs (422) by its documented list (R17).
            throw ProblemException.badRequest("pin", "4 to 6 digits", "A PIN is 4 to 6 digits");
        }
        if (r.cardNumber() != null && !r.cardNumber().matches("N\\d{9}")) {
            throw ProblemException.badRequest("cardNumber", "N followed by 9 digits", "A card number is N followed by 9 digits");
        }
        return NewPatron.byStaff(new NewPatron.Person(identity, given, surname, birthDate, source),
                new NewPatron.Contact(protectedAddress, permanent, temporary, phones, email, channel, language),
                r.pin(), r.cardNumber(), libraryNumber, LibraryAccess.HEADER);
    }
}
