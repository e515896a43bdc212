package no.nb.bibliotekkortet.notification.template;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/**
 * Checks the parameters of a send request against the template's declared parameters (TemplateId):
 * every declared parameter present with the right shape, no other parameter, and no value that looks
 * like a national identity number (11 digits in a row), which must never reach a notification.
 */
public final class TemplateParams {

    /** Longest text parameter, in characters. */
    public static final int MAX_TEXT = 200;
    /** Most list entries. */
    public static final int MAX_LIST = 50;

    /**
     * A run of digits with at most one separator (space, no-break or thin space, dot, dash, slash) between two digits,
     * after NFKC (so full-width digits count): 11 digits in such a run are a national identity or D-number, 12 a DUF
     * number.
     */
    private static final Pattern DIGIT_RUN = Pattern.compile("[0-9](?:[ .\\-/\u00a0\u2009\u202f]?[0-9])*");
    private static final Set<String> PURPOSES = Set.of("login", "change-personal-data", "change-pin", "change-password");

    private TemplateParams() {
    }

    /**
     * @param template the template
     * @param params   the request's {@code params} object (may be null when the template needs none)
     * @throws ProblemException 400 naming {@code params.<name>} (missing, unknown, wrong shape, identity number)
     */
    public static void validate(TemplateId template, Map<String, Object> params) {
        Map<String, Object> given = params == null ? Map.of() : params;
        for (String name : given.keySet()) {
            if (!template.params().containsKey(name)) {
                throw ProblemException.badRequest("params." + name, "not a parameter of " + template.id(),
                        "Template " + template.id() + " takes the parameters " + template.params().keySet());
            }
        }
        template.params().forEach((name, kind) -> check("params." + name, kind, given.get(name)));
    }

    private static void check(String field, TemplateId.ParamKind kind, Object value) {
        if (value == null) {
            throw ProblemException.badRequest(field, "required", "The parameter is required by the template");
        }
        switch (kind) {
            case TEXT -> text(field, value);
            case PURPOSE -> {
                if (!(value instanceof String s) || !PURPOSES.contains(s)) {
                    throw ProblemException.badRequest(field, "one of " + PURPOSES, "Unknown one-time code purpose");
                }
            }
            case INTEGER -> {
                if (!(value instanceof Integer i) || i < 1 || i > 10080) {
                    throw ProblemException.badRequest(field, "integer 1..10080", "Must be an integer between 1 and 10080");
                }
            }
            case DATE -> {
                if (!(value instanceof String s)) {
                    throw ProblemException.badRequest(field, "date yyyy-MM-dd", "Must be an ISO date");
                }
                try {
                    LocalDate.parse(s);
                } catch (DateTimeParseException e) {
                    throw ProblemException.badRequest(field, "date yyyy-MM-dd", "Must be an ISO date");
                }
            }
            case LIST -> {
                if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_LIST) {
                    throw ProblemException.badRequest(field, "array of 1.." + MAX_LIST + " strings", "Must be a non-empty array of strings");
                }
                for (Object entry : list) {
                    text(field, entry);
                }
            }
        }
    }

    private static void text(String field, Object value) {
        if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_TEXT) {
            throw ProblemException.badRequest(field, "string of 1.." + MAX_TEXT + " characters", "Must be a non-blank string of at most " + MAX_TEXT + " characters");
        }
        if (s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ProblemException.badRequest(field, "no control characters", "Must not contain control characters");
        }
        if (holdsIdentityNumber(s)) {
            throw ProblemException.badRequest(field, "no identity numbers", "Notifications never carry a national identity number");
        }
    }

    /**
     * True when {@code text} holds what looks like a national identity number, D-number (11 digits) or DUF number
     * (12 digits), also when written with spaces, dots or dashes between the digits or in full-width digits.
     */
    static boolean holdsIdentityNumber(String text) {
        java.util.regex.Matcher run = DIGIT_RUN.matcher(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC));
        while (run.find()) {
            long digits = run.group().chars().filter(c -> c >= '0' && c <= '9').count();
            if (digits == 11 || digits == 12) {
                return true;
            }
        }
        return false;
    }
}
