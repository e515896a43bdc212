package no.nb.bibliotekkortet.auth.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import no.nb.bibliotekkortet.auth.client.PatronClient;
import no.nb.bibliotekkortet.auth.client.ResolvedPatron;
import no.nb.bibliotekkortet.auth.service.PartnerService;
import no.nb.bibliotekkortet.auth.service.SecurityLevel;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.TokenKind;

/**
 * The patron behind a citizen's ID-porten token (resolved by identity number through patron-service;
 * the number is never logged or echoed) or an auth-service patron token ({@code sub}). A patron token
 * whose {@code acr} is below the patron's chosen level is refused (R17): 403 {@code level-too-low},
 * rule {@code LEVEL_TOO_LOW}, the detail naming the required level. An ID-porten login counts as
 * {@code nlsso-loa-high}.
 */
@RequestScoped
public class PatronCaller {

    private static final Set<String> IDPORTEN_SUBSTANTIAL_OR_HIGHER =
            Set.of("idporten-loa-substantial", "idporten-loa-high");

    @Inject
    Caller caller;

    @Inject
    PatronClient patrons;

    @Inject
    PartnerService partners;

    private String resolved;

    /**
     * The opaque patron id of the caller.
     *
     * @throws ProblemException 404 {@code not-registered} for a citizen who is not a patron; 403
     *                          {@code level-too-low} for a patron token below the chosen level; 403 for other tokens
     */
    public String patronId() {
        if (resolved != null) {
            return resolved;
        }
        TokenKind kind = caller.tokenKind().orElse(null);
        if (kind == TokenKind.PATRON) {
            String id = caller.patronId().orElseThrow(() -> ProblemException.forbidden("no-patron", "No patron id"));
            SecurityLevel achieved = SecurityLevel.ofCode(caller.acr().orElse("")).orElse(SecurityLevel.LOW);
            SecurityLevel chosen = partners.chosenLevel(id);
            if (!achieved.meets(chosen)) {
                throw new ProblemException(Problem.of(403, "level-too-low", "Login level too low",
                        "The patron's chosen security level requires " + chosen.code(), null, "LEVEL_TOO_LOW"));
            }
            resolved = id;
        } else if (kind == TokenKind.IDPORTEN) {
            String pid = caller.identityNumber().orElseThrow(() -> ProblemException.forbidden("no-identity",
                    "The ID-porten token carries no identity number"));
            resolved = patrons.resolveIdentity(pid).map(ResolvedPatron::patronId).orElseThrow(() ->
                    ProblemException.notFound("not-registered", "No patron is registered for this login"));
        } else {
            throw ProblemException.forbidden("patron-login-required", "Only a patron or citizen login may do this");
        }
        return resolved;
    }

    /** True when the caller logged in with ID-porten at {@code idporten-loa-substantial} or higher. */
    public boolean idportenSubstantialOrHigher() {
        return caller.tokenKind().orElse(null) == TokenKind.IDPORTEN
                && IDPORTEN_SUBSTANTIAL_OR_HIGHER.contains(caller.acr().orElse(""));
    }

    /** True when the caller logged in with ID-porten. */
    public boolean idporten() {
        return caller.tokenKind().orElse(null) == TokenKind.IDPORTEN;
    }
}
