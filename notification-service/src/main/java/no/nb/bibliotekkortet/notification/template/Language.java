package no.nb.bibliotekkortet.notification.template;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Languages of notifications: bokmål (default), nynorsk and English. */
public enum Language {
    NB("nb", Locale.forLanguageTag("nb-NO")),
    NN("nn", Locale.forLanguageTag("nn-NO")),
    EN("en", Locale.forLanguageTag("en-GB"));

    private final String code;
    private final Locale locale;

    Language(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    /** ISO 639-1 code: {@code nb}, {@code nn} or {@code en}. */
    public String code() {
        return code;
    }

    /** Locale used to format dates in this language. */
    public Locale locale() {
        return locale;
    }

    /** The language with code {@code code} (case-insensitive), or empty. */
    public static Optional<Language> byCode(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equalsIgnoreCase(code)).findFirst();
    }
}
