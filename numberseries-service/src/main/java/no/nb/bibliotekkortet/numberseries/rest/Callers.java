package no.nb.bibliotekkortet.numberseries.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.numberseries.service.Actor;
import no.nb.bibliotekkortet.numberseries.domain.CardNumbers;

/** Translates the current caller and raw request values for the service layer. */
@RequestScoped
public class Callers {

    @Inject
    Caller caller;

    /** The caller as an audit actor: {@code client:<id>} and its registry kind (null when not registered). */
    public Actor actor() {
        return new Actor(caller.auditName(), caller.client().map(c -> c.kind().name()).orElse(null));
    }

    /**
     * Parses a card number given in the request.
     *
     * @param text  the raw value (path parameter or JSON field)
     * @param field its name, for the error
     * @return the numeric part
     * @throws ProblemException 400 naming {@code field} with the rule {@link CardNumbers#RULE}
     */
    public static long cardNumber(String text, String field) {
        String violation = CardNumbers.violation(text);
        if (violation != null) {
            throw ProblemException.badRequest(field, CardNumbers.RULE, violation);
        }
        return CardNumbers.parse(text);
    }
}
