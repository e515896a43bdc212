package no.nb.bibliotekkortet.numberseries.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.numberseries.rest.Views.AuditView;
import no.nb.bibliotekkortet.numberseries.rest.Views.CardNumberView;
import no.nb.bibliotekkortet.numberseries.service.AuditLog;
import no.nb.bibliotekkortet.numberseries.service.CardNumberService;
import no.nb.bibliotekkortet.numberseries.domain.CardNumbers;

/** Looking up national card numbers (R12), public API {@code /api/v1/card-numbers}. */
@Path("/api/v1/card-numbers")
@Produces(MediaType.APPLICATION_JSON)
public class CardNumberResource {

    @Inject
    CardNumberService service;

    @Inject
    AuditLog audit;

    @Inject
    Caller caller;

    /**
     * The state of a card number: owner library and series, FREE / ISSUED / RETIRED and since when. Any
     * registered client with scope {@code series} (or NB's back office with {@code admin}) may look up any
     * number: the answer holds no personal data.
     *
     * @param cardNumber {@code N} + 9 digits
     * @return 200; 400 for a malformed number (field {@code cardNumber}, the rule stated); 403 for an
     *         unregistered client; 404 when the number lies in no series
     */
    @GET
    @Path("{cardNumber}")
    @RolesAllowed({Roles.LIBRARY_SERIES, Roles.BACK_OFFICE})
    public CardNumberView lookup(@PathParam("cardNumber") String cardNumber) {
        long number = Callers.cardNumber(cardNumber, "cardNumber");
        caller.requireClient();
        return CardNumberView.of(service.lookup(number));
    }

    /** An empty card number: always 400 stating the rule. */
    @GET
    @RolesAllowed({Roles.LIBRARY_SERIES, Roles.BACK_OFFICE})
    public CardNumberView lookupWithoutNumber() {
        throw ProblemException.badRequest("cardNumber", CardNumbers.RULE, CardNumbers.violation(""));
    }

    /**
     * The audit trail of a card number (NB's back office: scope {@code admin}, client kind ADMIN): every
     * order, import, growth, issue, allocation, release and retirement that touched it, oldest first.
     *
     * @return 200; 400 for a malformed number; 403 for any other client; 404 when the number lies in no
     *         series and has no audit records
     */
    @GET
    @Path("{cardNumber}/audit")
    @RolesAllowed(Roles.BACK_OFFICE)
    public List<AuditView> audit(@PathParam("cardNumber") String cardNumber) {
        long number = Callers.cardNumber(cardNumber, "cardNumber");
        caller.requireAdmin();
        List<AuditView> events = audit.forNumber(number).stream().map(AuditView::of).toList();
        if (events.isEmpty()) {
            service.lookup(number);
        }
        return events;
    }
}
