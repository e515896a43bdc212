package no.nb.bibliotekkortet.membership.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.ClientEntry;
import no.nb.bibliotekkortet.common.security.ClientKind;
import no.nb.bibliotekkortet.membership.client.PatronClient;

/** Translates the current caller for the service layer: NB's back office, Biblioteksøk, the acting patron. */
@RequestScoped
public class Callers {

    @Inject
    Caller caller;

    @Inject
    PatronClient patrons;

    private String patronId;

    /**
     * Requires NB's back office (registered, active client of kind ADMIN).
     *
     * @throws ProblemException 403 for any other client
     */
    public ClientEntry requireAdmin() {
        return caller.requireAdmin("Only the National Library's back office may do this");
    }

    /**
     * Requires a registered, active client of the given kind.
     *
     * @throws ProblemException 403 {@code unknown-client} or {@code slug}
     */
    public ClientEntry requireKind(ClientKind kind, String slug, String detail) {
        return caller.requireKind(kind, slug, detail);
    }

    /**
     * The patron acting in this request: an auth-service patron token's {@code sub}, or the citizen's
     * identity number resolved through patron-service (in a POST body, never logged).
     *
     * @throws ProblemException 404 {@code patron-not-registered} when the citizen has no entry in the register
     */
    public String patronId() {
        if (patronId != null) {
            return patronId;
        }
        var own = caller.patronId();
        if (own.isPresent()) {
            patronId = own.get();
            return patronId;
        }
        String identityNumber = caller.identityNumber().orElseThrow(() ->
                ProblemException.forbidden("patron-only", "Only a patron may do this"));
        patronId = patrons.byIdentityNumber(identityNumber).orElseThrow(() -> ProblemException.notFound(
                "patron-not-registered", "The logged-in person is not registered in the library card register"));
        return patronId;
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
}
