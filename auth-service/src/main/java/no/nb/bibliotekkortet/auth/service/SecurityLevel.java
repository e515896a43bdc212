package no.nb.bibliotekkortet.auth.service;

import java.util.Optional;

/**
 * Login levels of the register (DOMAIN.md, "Login levels"; R17), ordered from low to high:
 * {@code nlsso-loa-low} = PIN; {@code nlsso-loa-substantial} = password (or PIN + one-time code);
 * {@code nlsso-loa-high} = ID-porten.
 */
public enum SecurityLevel {
    LOW("nlsso-loa-low"),
    SUBSTANTIAL("nlsso-loa-substantial"),
    HIGH("nlsso-loa-high");

    private final String code;

    SecurityLevel(String code) {
        this.code = code;
    }

    /** The wire/database code, e.g. {@code nlsso-loa-low}. */
    public String code() {
        return code;
    }

    /** True when this level is at least {@code other}. */
    public boolean meets(SecurityLevel other) {
        return compareTo(other) >= 0;
    }

    /** The level of a code, or empty for an unknown code. */
    public static Optional<SecurityLevel> ofCode(String code) {
        for (SecurityLevel level : values()) {
            if (level.code.equals(code)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
