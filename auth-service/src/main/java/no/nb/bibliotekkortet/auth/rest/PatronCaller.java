package no.nb.bibliotekkortet.auth.rest;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import no.nb.bibliotekkortet.auth.client.PatronClient;
import no.nb.bibliotekkortet.auth.client.ResolvedPatron;
import no.nb.bibliotekkortet.auth.service.PartnerService;
import no.nb.bibliotekkortet.auth.service.SecurityLevel;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.ActingPatron;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.LoginLevels;
import no.nb.bibliotekkortet.common.security.TokenKind;

/**
 * The patron behind a citizen's ID-porten token (resolved by identity number through patron-service;
 * the number is never logged or echoed) or an auth-service patron token ({@code sub}). A patron token
 * whose {@code acr} is below the patron's chosen level is refused (R17): 403 {@code level-too-low},
 * rule {@code LEVEL_TOO_LOW}, the detail naming the required level. An ID-porten login counts as
 * {@code nlsso-loa-high}. The step itself is common's {@link ActingPatron}.
 */
@RequestScoped
public class PatronCaller {

    /** auth-service's answers (docs/auth-service.md): 403 for other logins, 404 {@code not-registered}. */
    private static final ActingPatron.Refusals REFUSALS = new ActingPatron.Refusals(
            () -> ProblemException.forbidden("no-patron", "No patron id"),
            () -> ProblemException.forbidden("no-identity", "The ID-porten token carries no identity number"),
            () -> ProblemException.forbidden("patron-login-required", "Only a patron or citizen login may do this"),
            () -> ProblemException.notFound("not-registered", "No patron is registered for this login"));

    @Inject
    Caller caller;

    @Inject
    PatronClient patrons;

    @Inject
    PartnerService partners;

    private ActingPatron acting;

    @PostConstruct
    void init() {
        acting = new ActingPatron(caller, pid -> patrons.resolveIdentity(pid).map(ResolvedPatron::patronId),
                this::checkLevel, REFUSALS);
    }

    /**
     * The opaque patron id of the caller.
     *
     * @throws ProblemException 404 {@code not-registered} for a citizen who is not a patron; 403
     *                          {@code level-too-low} for a patron token below the chosen level; 403 for other tokens
     */
    public String patronId() {
        return acting.patronId();
    }

    /** True when the caller logged in with ID-porten at {@code idporten-loa-substantial} or higher. */
    public boolean idportenSubstantialOrHigher() {
        return caller.tokenKind().orElse(null) == TokenKind.IDPORTEN
                && LoginLevels.IDPORTEN.contains(caller.acr().orElse(""));
    }

    /** R17: a patron token whose {@code acr} is below the patron's chosen level → 403 {@code level-too-low}. */
    private void checkLevel(String patronId, Optional<String> acr) {
        SecurityLevel achieved = SecurityLevel.ofCode(acr.orElse("")).orElse(SecurityLevel.LOW);
        SecurityLevel chosen = partners.chosenLevel(patronId);
        if (!achieved.meets(chosen)) {
            throw new ProblemException(Problem.of(403, "level-too-low", "Login level too low",
                    "The patron's chosen security level requires " + chosen.code(), null, "LEVEL_TOO_LOW"));
        }
    }
}
