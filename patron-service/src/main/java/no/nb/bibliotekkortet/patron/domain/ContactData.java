package no.nb.bibliotekkortet.patron.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalisation of contact data and names (DOMAIN.md, "Contact data"): phones to E.164 with libphonenumber
 * (Norway as the default region), postcodes as 4-character strings, names in Unicode NFC with any letters
 * (Sámi letters included; length counted after normalisation), e-mail trimmed and compared without case.
 * Each method returns empty for an invalid value; callers turn that into a 400 naming the field.
 */
public final class ContactData {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern POSTCODE = Pattern.compile("\\d{4}");
    /** Letters of any script plus combining marks, space, hyphen, apostrophe and full stop. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} '’.\\-]*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** Longest accepted name part, in code points after NFC. */
    public static final int MAX_NAME_LENGTH = 100;

    private ContactData() {
    }

    /**
     * A phone number in E.164: {@code 41234567}, {@code +47 412 34 567} and {@code 0047 41234567} all give
     * {@code +4741234567}; foreign numbers must carry their country code.
     *
     * @return E.164, or empty when libphonenumber does not consider it a valid number
     */
    public static Optional<String> phone(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = PHONES.parse(raw.trim(), "NO");
            if (!PHONES.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** A Norwegian postcode kept as a 4-character string ({@code 0150} stays {@code 0150}); empty when not 4 digits. */
    public static Optional<String> postcode(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.trim();
        return POSTCODE.matcher(trimmed).matches() ? Optional.of(trimmed) : Optional.empty();
    }

    /**
     * A name part in NFC, inner whitespace collapsed; any Unicode letters (e.g. {@code Ánde}, {@code Čáhppes},
     * {@code Đuođđa}, {@code Ŋeaidi}, {@code Šiellat}, {@code Ŧuomas}, {@code Žanna}).
     *
     * @return the normalised name, or empty when blank, longer than {@link #MAX_NAME_LENGTH} code points
     *         after NFC, or containing digits or symbols
     */
    public static Optional<String> name(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC).trim().replaceAll("\\s+", " ");
        if (nfc.isEmpty() || nfc.codePointCount(0, nfc.length()) > MAX_NAME_LENGTH || !NAME.matcher(nfc).matches()) {
            return Optional.empty();
        }
        return Optional.of(nfc);
    }

    /** An e-mail address, trimmed and NFC; the case is kept as given. Empty when it does not look like one. */
    public static Optional<String> email(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = Normalizer.normalize(raw.trim(), Normalizer.Form.NFC);
        return trimmed.length() <= 254 && EMAIL.matcher(trimmed).matches() ? Optional.of(trimmed) : Optional.empty();
    }

    /** The comparison key of an e-mail address (lower case, root locale): addresses are equal without regard to case. */
    public static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    /** A free-text address line or place in NFC, trimmed; empty when blank or longer than {@code max}. */
    public static Optional<String> text(String raw, int max) {
        if (raw == null) {
            return Optional.empty();
        }
        String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC).trim();
        return nfc.isEmpty() || nfc.codePointCount(0, nfc.length()) > max ? Optional.empty() : Optional.of(nfc);
    }
}
