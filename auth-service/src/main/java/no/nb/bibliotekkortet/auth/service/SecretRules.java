package no.nb.bibliotekkortet.auth.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules for new secrets (R17, R24): a PIN is 4–6 digits and not trivial (one repeated digit, a straight
 * run up or down, or an entry of {@code credentials/trivial-pins.txt}); a password is 10–256 characters
 * and not in {@code credentials/common-passwords.txt} (case-insensitive).
 */
public final class SecretRules {

    /** The rule texts used as {@code rule} in problem responses. */
    public static final String PIN_FORMAT = "4-6 digits";
    public static final String PIN_TRIVIAL = "not a trivial PIN";
    public static final String PASSWORD_LENGTH = "10-256 characters";
    public static final String PASSWORD_COMMON = "not a common password";

    /** Longest accepted password (bounds the work per request). */
    public static final int MAX_PASSWORD_LENGTH = 256;
    public static final int MIN_PASSWORD_LENGTH = 10;

    private static final Pattern PIN = Pattern.compile("\\d{4,6}");
    private static final Set<String> TRIVIAL_PINS = load("credentials/trivial-pins.txt", false);
    private static final Set<String> COMMON_PASSWORDS = load("credentials/common-passwords.txt", true);

    private SecretRules() {
    }

    /**
     * Checks a new PIN.
     *
     * @param pin the PIN as given (may be null)
     * @return empty when acceptable, else the broken rule ({@link #PIN_FORMAT} or {@link #PIN_TRIVIAL})
     */
    public static Optional<String> pinViolation(String pin) {
        if (pin == null || !PIN.matcher(pin).matches()) {
            return Optional.of(PIN_FORMAT);
        }
        if (isTrivialPin(pin)) {
            return Optional.of(PIN_TRIVIAL);
        }
        return Optional.empty();
    }

    /** True for one repeated digit, a straight run up or down (0-9 wrapping not counted), or a listed PIN. */
    public static boolean isTrivialPin(String pin) {
        if (TRIVIAL_PINS.contains(pin)) {
            return true;
        }
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < pin.length(); i++) {
            int d = pin.charAt(i) - pin.charAt(i - 1);
            same &= d == 0;
            up &= d == 1;
            down &= d == -1;
        }
        return same || up || down;
    }

    /**
     * Checks a new password.
     *
     * @param password the password as given (may be null)
     * @return empty when acceptable, else {@link #PASSWORD_LENGTH} or {@link #PASSWORD_COMMON}
     */
    public static Optional<String> passwordViolation(String password) {
        if (password == null) {
            return Optional.of(PASSWORD_LENGTH);
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
            return Optional.of(PASSWORD_LENGTH);
        }
        if (COMMON_PASSWORDS.contains(password.toLowerCase(Locale.ROOT))) {
            return Optional.of(PASSWORD_COMMON);
        }
        return Optional.empty();
    }

    private static Set<String> load(String resource, boolean lowerCase) {
        Set<String> values = new HashSet<>();
        try (InputStream in = SecretRules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String value = line.strip();
                if (!value.isEmpty() && !value.startsWith("#")) {
                    values.add(lowerCase ? value.toLowerCase(Locale.ROOT) : value);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
        return Set.copyOf(values);
    }
}
