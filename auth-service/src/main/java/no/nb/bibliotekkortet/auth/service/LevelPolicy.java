package no.nb.bibliotekkortet.auth.service;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import no.nb.bibliotekkortet.auth.domain.SecretKind;

/**
 * Which login level a verification must reach (R17): the patron's chosen level, raised to the lowest
 * level at or above it that the library's system supports. When the library supports no level at or
 * above the chosen one, the chosen level stays required (and a PIN or password cannot reach
 * {@code nlsso-loa-high}, so such a verification answers {@code LEVEL_TOO_LOW}).
 */
public final class LevelPolicy {

    private LevelPolicy() {
    }

    /**
     * The level a verification must reach.
     *
     * @param chosen    the patron's chosen level (default {@link SecurityLevel#LOW})
     * @param supported levels the library's system supports; empty for partners and doors (no library)
     * @return the required level
     */
    public static SecurityLevel required(SecurityLevel chosen, Collection<SecurityLevel> supported) {
        if (supported == null || supported.isEmpty()) {
            return chosen;
        }
        return supported.stream().filter(l -> l.meets(chosen)).min(Comparator.naturalOrder()).orElse(chosen);
    }

    /**
     * The level a given secret achieves: PIN = low, password = substantial.
     *
     * @param kind the kind of secret that verified
     */
    public static SecurityLevel achieved(SecretKind kind) {
        return kind == SecretKind.PASSWORD ? SecurityLevel.SUBSTANTIAL : SecurityLevel.LOW;
    }

    /** Empty when {@code achieved} meets {@code required}, else the required level. */
    public static Optional<SecurityLevel> shortfall(SecurityLevel achieved, SecurityLevel required) {
        return achieved.meets(required) ? Optional.empty() : Optional.of(required);
    }
}
