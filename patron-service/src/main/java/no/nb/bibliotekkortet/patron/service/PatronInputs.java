package no.nb.bibliotekkortet.patron.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.patron.domain.ContactData;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers;
import no.nb.bibliotekkortet.patron.service.Requests.AddressInput;
import no.nb.bibliotekkortet.patron.service.Requests.PhonesInput;
import no.nb.bibliotekkortet.patron.service.Requests.TemporaryAddressInput;

/**
 * Turns raw request values into normalised ones or a problem naming the field. Nothing here is written;
 * callers validate everything before their first write. Problems never echo identity numbers.
 */
public final class PatronInputs {

    /** Languages a patron may prefer. */
    public static final Set<String> LANGUAGES = Set.of("nb", "nn", "en");

    /** An address after normalisation; street lines joined with newlines. */
    public record Address(String lines, String postcode, String place, String country, LocalDate validUntil) {
    }

    /** Phones in E.164 (null when absent). */
    public record Phones(String home, String work, String mobile) {
    }

    private PatronInputs() {
    }

    /**
     * Checks an identity number with the register's rules.
     *
     * @throws ProblemException 400 (field {@code identityNumber}) for malformed numbers; 422 for DUF numbers (R7),
     *                          month+40 numbers and synthetic numbers where not allowed
     */
    public static IdentityNumbers.Parsed identityNumber(IdentityNumbers rules, String value, String field) {
        if (value == null || value.isEmpty()) {
            throw ProblemException.badRequest(field, "required", "The identity number is required");
        }
        IdentityNumbers.Result result = rules.check(value);
        if (result.accepted()) {
            return result.parsed();
        }
        IdentityNumbers.Refusal refusal = result.refusal();
        if (refusal.status == 400) {
            throw ProblemException.badRequest(field, refusal.rule, refusal.message);
        }
        throw new ProblemException(Problem.of(422, "identity-number-refused", "Identity number not accepted",
                refusal.message, field, refusal.rule));
    }

    /** A required name part in NFC. @throws ProblemException 400 naming {@code field} */
    public static String name(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field, "required", "The field '" + field + "' is required");
        }
        return ContactData.name(value).orElseThrow(() -> ProblemException.badRequest(field,
                "letters, spaces, hyphens and apostrophes; at most " + ContactData.MAX_NAME_LENGTH + " characters",
                "The field '" + field + "' is not a valid name"));
    }

    /** Phones normalised to E.164; null input gives all-null. @throws ProblemException 400 naming e.g. {@code phones.mobile} */
    public static Phones phones(PhonesInput input) {
        if (input == null) {
            return new Phones(null, null, null);
        }
        return new Phones(phone(input.home(), "phones.home"), phone(input.work(), "phones.work"),
                phone(input.mobile(), "phones.mobile"));
    }

    /** One phone in E.164; null stays null. @throws ProblemException 400 naming {@code field} */
    public static String phone(String raw, String field) {
        if (raw == null) {
            return null;
        }
        return ContactData.phone(raw).orElseThrow(() -> ProblemException.badRequest(field, "phone number (E.164)",
                "The field '" + field + "' is not a valid phone number"));
    }

    /** E-mail trimmed; null stays null. @throws ProblemException 400 (field {@code email}) */
    public static String email(String raw) {
        return email(raw, "email");
    }

    /** E-mail trimmed; null stays null. @throws ProblemException 400 naming {@code field} */
    public static String email(String raw, String field) {
        if (raw == null) {
            return null;
        }
        return ContactData.email(raw).orElseThrow(() -> ProblemException.badRequest(field, "e-mail address",
                "The field '" + field + "' is not a valid e-mail address"));
    }

    /** Preferred language nb/nn/en; null gives the default {@code nb}. @throws ProblemException 400 (field {@code language}) */
    public static String language(String raw, String fallback) {
        if (raw == null) {
            return fallback;
        }
        if (!LANGUAGES.contains(raw)) {
            throw ProblemException.badRequest("language", "one of nb, nn, en", "The field 'language' must be nb, nn or en");
        }
        return raw;
    }

    /** A permanent address; null stays null. @throws ProblemException 400 naming e.g. {@code permanentAddress.postcode} */
    public static Address address(AddressInput input, String field) {
        if (input == null) {
            return null;
        }
        return address(input.streetLines(), input.postcode(), input.place(), input.country(), null, field);
    }

    /**
     * A temporary address with its end date (required; inclusive, an Oslo date).
     *
     * @param today the Europe/Oslo date
     * @throws ProblemException 400 naming e.g. {@code temporaryAddress.postcode}, or {@code .validUntil} when it is
     *                          missing; 422 {@code temporary-address-ended} when it lies before {@code today}
     */
    public static Address temporaryAddress(TemporaryAddressInput input, String field, LocalDate today) {
        if (input == null) {
            return null;
        }
        if (input.validUntil() == null) {
            throw ProblemException.badRequest(field + ".validUntil", "required",
                    "A temporary address needs its end date (" + field + ".validUntil)");
        }
        if (input.validUntil().isBefore(today)) {
            throw ProblemException.unprocessable("temporary-address-ended", "Temporary address already ended",
                    "The temporary address's end date has passed; send one that is still valid, or none",
                    field + ".validUntil", "today or later (Europe/Oslo)");
        }
        return address(input.streetLines(), input.postcode(), input.place(), input.country(), input.validUntil(), field);
    }

    private static Address address(List<String> lines, String postcode, String place, String country,
                                   LocalDate until, String field) {
        if (lines == null || lines.isEmpty() || lines.size() > 3) {
            throw ProblemException.badRequest(field + ".streetLines", "1 to 3 lines",
                    "An address has 1 to 3 street lines (" + field + ".streetLines)");
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String f = field + ".streetLines[" + i + "]";
            String line = required(lines.get(i), f, 200, ContactData::text);
            if (line.contains("\n")) {
                throw ProblemException.badRequest(f, "one line", "A street line holds no line breaks (" + f + ")");
            }
            joined.append(i == 0 ? "" : "\n").append(line);
        }
        String code = countryCode(country, field + ".country");
        String normalisedPostcode;
        if ("NO".equals(code)) {
            normalisedPostcode = ContactData.postcode(postcode).orElseThrow(() -> ProblemException.badRequest(
                    field + ".postcode", "4 digits as a string",
                    "A Norwegian postcode is 4 digits, given as a string (" + field + ".postcode)"));
        } else {
            normalisedPostcode = null;
        }
        String normalisedPlace = required(place, field + ".place", 200, ContactData::text);
        return new Address(joined.toString(), normalisedPostcode, normalisedPlace, code, until);
    }

    private static String countryCode(String raw, String field) {
        if (raw == null) {
            return "NO";
        }
        String upper = raw.trim().toUpperCase(Locale.ROOT);
        if (!Set.of(Locale.getISOCountries()).contains(upper)) {
            throw ProblemException.badRequest(field, "ISO 3166 alpha-2", "The country must be an ISO 3166 alpha-2 code (" + field + ")");
        }
        return upper;
    }

    private static String required(String raw, String field, int max,
                                   java.util.function.BiFunction<String, Integer, java.util.Optional<String>> normaliser) {
        return normaliser.apply(raw, max).orElseThrow(() -> ProblemException.badRequest(field,
                "required, at most " + max + " characters", "The field '" + field + "' is required (at most " + max + " characters)"));
    }

    /** R5: the library system must learn not to send an address for a patron with a secret address (422). */
    static ProblemException secretAddressWithAddress(String field) {
        return ProblemException.unprocessable("secret-address", "Address sent for a secret address",
                "The patron has a secret address (R5): send no address, and do not store one in the library system",
                field, "R5");
    }
}
