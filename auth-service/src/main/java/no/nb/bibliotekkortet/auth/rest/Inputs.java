package no.nb.bibliotekkortet.auth.rest;

import java.util.regex.Pattern;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/** Form checks of request values (400 with the field at fault). */
final class Inputs {

    private static final Pattern CARD = Pattern.compile("N\\d{9}");
    private static final Pattern PATRON_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Inputs() {
    }

    /** Requires a card number {@code N} + 9 digits. */
    static String cardNumber(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw ProblemException.badRequest(field, "required", "The card number is required");
        }
        if (!CARD.matcher(value).matches()) {
            throw ProblemException.badRequest(field, "N + 9 digits", "A card number is N followed by 9 digits");
        }
        return value;
    }

    /** Requires an opaque patron id (1–64 of A–Z, a–z, 0–9, '.', '-', '_'). */
    static String patronId(String value, String field) {
        if (value == null || !PATRON_ID.matcher(value).matches()) {
            throw ProblemException.badRequest(field, "1-64 of [A-Za-z0-9_-]", "Not a patron id");
        }
        return value;
    }

    /** Requires a non-null body. */
    static <T> T body(T body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "required", "A JSON body is required");
        }
        return body;
    }

    /** Refuses a request that gives both a PIN and a password. */
    static void oneSecret(String pin, String password) {
        if (pin != null && password != null) {
            throw ProblemException.badRequest("password", "either pin or password", "Give a PIN or a password, not both");
        }
    }

    /** An optional channel: null, {@code EMAIL} or {@code SMS}. */
    static String channel(String value) {
        if (value != null && !value.equals("EMAIL") && !value.equals("SMS")) {
            throw ProblemException.badRequest("channel", "EMAIL|SMS", "The channel is EMAIL or SMS");
        }
        return value;
    }
}
