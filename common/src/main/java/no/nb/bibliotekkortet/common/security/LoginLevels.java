package no.nb.bibliotekkortet.common.security;

import java.util.Set;

/**
 * The login levels ({@code acr}) each kind of personal token must carry to be accepted at all, checked once for
 * every {@code /me} operation of every service by {@link PermissionAugmentor} (which then withholds the
 * {@link Roles#CITIZEN} or {@link Roles#PATRON} role). Unknown values are refused, never mapped to a default.
 *
 * <p>Source: ARCHITECTURE.md (ID-porten {@code acr} = {@code idporten-loa-substantial|idporten-loa-high}; auth-service
 * patron tokens {@code nlsso-loa-low|nlsso-loa-substantial}); DOMAIN.md R16, R17.
 */
public final class LoginLevels {

    /** ID-porten levels that make a citizen login (MinID, BankID …); {@code idporten-loa-low} is refused. */
    public static final Set<String> IDPORTEN = Set.of("idporten-loa-substantial", "idporten-loa-high");
    /** Levels an auth-service patron token may carry (card + PIN; card + password or PIN + one-time code). */
    public static final Set<String> PATRON = Set.of("nlsso-loa-low", "nlsso-loa-substantial");

    private LoginLevels() {
    }

    /**
     * @param kind the token's issuer kind
     * @param acr  its {@code acr} claim, may be null
     * @return true when a token of that kind at that level is a personal login the register accepts
     */
    public static boolean accepted(TokenKind kind, String acr) {
        if (acr == null || kind == null) {
            return false;
        }
        return switch (kind) {
            case IDPORTEN -> IDPORTEN.contains(acr);
            case PATRON -> PATRON.contains(acr);
            case MASKINPORTEN -> false;
        };
    }

    /** The accepted values for the error's {@code rule}, e.g. {@code idporten-loa-substantial|idporten-loa-high}. */
    public static String rule(TokenKind kind) {
        return kind == TokenKind.PATRON ? "nlsso-loa-low|nlsso-loa-substantial" : "idporten-loa-substantial|idporten-loa-high";
    }
}
