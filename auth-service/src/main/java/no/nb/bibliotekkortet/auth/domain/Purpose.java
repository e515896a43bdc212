package no.nb.bibliotekkortet.auth.domain;

import java.util.Optional;

/** What a one-time code may be used for (R16); a code is bound to exactly one purpose. */
public enum Purpose {
    LOGIN("login"),
    CHANGE_PERSONAL_DATA("change-personal-data"),
    CHANGE_PIN("change-pin"),
    CHANGE_PASSWORD("change-password");

    private final String code;

    Purpose(String code) {
        this.code = code;
    }

    /** The wire/database code, e.g. {@code change-pin}. */
    public String code() {
        return code;
    }

    /** The purpose of a wire code, or empty for an unknown one. */
    public static Optional<Purpose> ofCode(String code) {
        for (Purpose p : values()) {
            if (p.code.equals(code)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
