package no.nb.bibliotekkortet.notification.template;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The notification templates (ids as in ARCHITECTURE.md) and the parameters each needs. Every
 * template exists in nb, nn and en, as e-mail (subject and body) and as SMS text.
 */
public enum TemplateId {
    ONE_TIME_CODE("one-time-code", false, Map.of("code", ParamKind.TEXT, "purpose", ParamKind.PURPOSE, "minutesValid", ParamKind.INTEGER)),
    WELCOME("welcome", false, Map.of("cardNumber", ParamKind.TEXT, "homeLibrary", ParamKind.TEXT)),
    /** A self-registration whose home library activates in person: the card waits for a visit with ID. */
    WELCOME_PENDING("welcome-pending", false, Map.of("cardNumber", ParamKind.TEXT, "homeLibrary", ParamKind.TEXT)),
    LIBRARY_FULL_ACCESS("library-full-access", false, Map.of("library", ParamKind.TEXT)),
    CARD_REPLACED("card-replaced", false, Map.of("cardNumber", ParamKind.TEXT, "library", ParamKind.TEXT)),
    INACTIVITY_WARNING("inactivity-warning", false, Map.of("deletionDate", ParamKind.DATE)),
    DELETED_INACTIVE("deleted-inactive", true, Map.of()),
    UNREGISTERED("unregistered", true, Map.of("libraries", ParamKind.LIST)),
    CHILD_REGISTERED("child-registered", false, Map.of("childName", ParamKind.TEXT, "cardNumber", ParamKind.TEXT)),
    GUARDIAN_ACCESS_ENDED("guardian-access-ended", false, Map.of("childName", ParamKind.TEXT)),
    DPA_REMINDER_1("dpa-reminder-1", false, Map.of("library", ParamKind.TEXT)),
    DPA_REMINDER_2("dpa-reminder-2", false, Map.of("library", ParamKind.TEXT)),
    DPA_FINAL_WARNING("dpa-final-warning", false, Map.of("library", ParamKind.TEXT)),
    ILL_BLOCKED("ill-blocked", false, Map.of("library", ParamKind.TEXT));

    /** Kinds of template parameter, with the JSON shape each accepts. */
    public enum ParamKind {
        /** A string of 1..200 characters. */
        TEXT,
        /** A JSON integer 1..10080 (minutes). */
        INTEGER,
        /** An ISO-8601 date string {@code yyyy-MM-dd}; rendered in the message's language. */
        DATE,
        /** A JSON array of 1..50 strings of 1..200 characters. */
        LIST,
        /** One of {@code login}, {@code change-personal-data}, {@code change-pin}, {@code change-password} (R16). */
        PURPOSE
    }

    private final String id;
    private final boolean deletionNotice;
    private final Map<String, ParamKind> params;

    TemplateId(String id, boolean deletionNotice, Map<String, ParamKind> params) {
        this.id = id;
        this.deletionNotice = deletionNotice;
        this.params = new LinkedHashMap<>(params);
    }

    /** The external id, e.g. {@code one-time-code}. */
    public String id() {
        return id;
    }

    /**
     * True for notices about a deletion ({@code unregistered}, {@code deleted-inactive}, R20/R21): their
     * personal data is erased at once after delivery, and a patron erasure keeps them until they are sent.
     */
    public boolean deletionNotice() {
        return deletionNotice;
    }

    /** Parameter name → kind; every parameter is required, no other parameter is accepted. */
    public Map<String, ParamKind> params() {
        return params;
    }

    /** The template with external id {@code id}, or empty. */
    public static Optional<TemplateId> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
