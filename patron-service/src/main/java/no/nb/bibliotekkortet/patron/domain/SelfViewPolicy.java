package no.nb.bibliotekkortet.patron.domain;

import java.util.Set;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.TokenKind;

/**
 * The one place that decides how much of their own record a patron sees (R16): the full record only after an
 * ID-porten login ({@code idporten-loa-substantial} or {@code idporten-loa-high}); the limited view (name, card
 * numbers, libraries, masked e-mail and phone) after a login at auth-service ({@code nlsso-loa-low} or
 * {@code nlsso-loa-substantial}). Anything else is refused.
 */
public final class SelfViewPolicy {

    /** The two views of one's own record. */
    public enum View { FULL, LIMITED }

    static final Set<String> IDPORTEN_LEVELS = Set.of("idporten-loa-substantial", "idporten-loa-high");
    static final Set<String> PATRON_LEVELS = Set.of("nlsso-loa-low", "nlsso-loa-substantial");

    private SelfViewPolicy() {
    }

    /**
     * @param kind the token's issuer kind (null for none)
     * @param acr  the token's {@code acr}
     * @return FULL for ID-porten at substantial/high, LIMITED for auth-service patron tokens at low/substantial
     * @throws ProblemException 403 {@code login-level-not-accepted} for any other token kind or level
     */
    public static View decide(TokenKind kind, String acr) {
        if (acr == null) {
            kind = null; // Set.of(...).contains(null) throws; no level means no view
        }
        if (kind == TokenKind.IDPORTEN && IDPORTEN_LEVELS.contains(acr)) {
            return View.FULL;
        }
        if (kind == TokenKind.PATRON && PATRON_LEVELS.contains(acr)) {
            return View.LIMITED;
        }
        throw ProblemException.forbidden("login-level-not-accepted",
                "One's own record is shown after a login with ID-porten (full) or with card and PIN/password (limited)");
    }
}
