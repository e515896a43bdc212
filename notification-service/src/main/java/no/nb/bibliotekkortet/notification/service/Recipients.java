package no.nb.bibliotekkortet.notification.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.regex.Pattern;

/** Format rules for recipients given in a send request. */
public final class Recipients {

    /** Longest e-mail address (RFC 5321 path limit). */
    public static final int MAX_EMAIL = 254;

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern PATRON_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Recipients() {
    }

    /** True for a plausible e-mail address: local part @ a domain with at least one dot, ≤ 254 characters, ASCII. */
    public static boolean isEmail(String value) {
        return value != null && value.length() <= MAX_EMAIL && EMAIL.matcher(value).matches();
    }

    /**
     * True when {@code value} is a valid phone number written in E.164 ({@code +} country code and
     * number, no spaces), e.g. {@code +4741234567}; validity per libphonenumber's metadata.
     */
    public static boolean isE164(String value) {
        if (value == null || !value.startsWith("+") || value.length() > 16) {
            return false;
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            Phonenumber.PhoneNumber number = util.parse(value, null);
            return util.isValidNumber(number) && util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).equals(value);
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** True for an opaque patron id: 1..64 letters, digits, {@code -} or {@code _}. */
    public static boolean isPatronId(String value) {
        return value != null && PATRON_ID.matcher(value).matches();
    }
}
