package no.nb.bibliotekkortet.membership.rest;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.ActingPatron;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.membership.client.PatronClient;

/**
 * Translates the acting patron for the service layer: an auth-service patron token's {@code sub}, or the
 * citizen's identity number resolved through patron-service (common's {@link ActingPatron}; in a POST body,
 * never logged). Who else may call is checked on common's {@link Caller} ({@code requireAdmin}, {@code requireKind}).
 */
@RequestScoped
public class Callers {

    /** membership-service's answers (docs/membership-service.md): 403 {@code patron-only}, 404 {@code patron-not-registered}. */
    private static final ActingPatron.Refusals REFUSALS = new ActingPatron.Refusals(
            Callers::patronOnly, Callers::patronOnly, Callers::patronOnly,
            () -> ProblemException.notFound("patron-not-registered",
                    "The logged-in person is not registered in the library card register"));

    @Inject
    Caller caller;

    @Inject
    PatronClient patrons;

    private ActingPatron acting;

    @PostConstruct
    void init() {
        acting = new ActingPatron(caller, patrons::byIdentityNumber, ActingPatron.LevelCheck.NONE, REFUSALS);
    }

    /**
     * The patron acting in this request.
     *
     * @throws ProblemException 403 {@code patron-only} for other logins; 404 {@code patron-not-registered} when
     *                          the citizen has no entry in the register
     */
    public String patronId() {
        return acting.patronId();
    }

    /**
     * The acting patron, checking that a patron id named in the request (optional) is the caller's own.
     *
     * @throws ProblemException 403 {@code other-patron} when it names another patron
     */
    public String patronId(String named) {
        String own = patronId();
        if (named != null && !named.equals(own)) {
            throw ProblemException.forbidden("other-patron", "A patron may act only for themselves");
        }
        return own;
    }

    /**
     * The patron holding a card (staff requests, patron present).
     *
     * @throws ProblemException 404 {@code patron-not-found}
     */
    public String patronByCard(String cardNumber) {
        return patrons.byCardNumber(cardNumber).orElseThrow(() ->
                ProblemException.notFound("patron-not-found", "No patron holds this card number"));
    }

    private static ProblemException patronOnly() {
        return ProblemException.forbidden("patron-only", "Only a patron may do this");
    }
}
