package no.nb.bibliotekkortet.numberseries.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.numberseries.config.NumberSeriesConfig;
import no.nb.bibliotekkortet.numberseries.rest.Views.CardNumberView;
import no.nb.bibliotekkortet.numberseries.service.CardNumberService;

/**
 * Internal card-number contract (ARCHITECTURE.md, internal contracts), for patron-service: issue,
 * release and retire. Needs scope {@code bibliotekkortet:internal} and the internal audience.
 */
@Path("/internal/v1/card-numbers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE_INTERNAL)
public class InternalCardNumberResource {

    /** Body of an issue: the library registering the printed card, and the caller's request id (≤ 100 chars). */
    public record IssueRequest(String libraryNumber,
                               @NotBlank(message = "requestId is required") @Size(max = 100, message = "requestId has at most 100 characters") String requestId) {
    }

    /** Body of a release: the request id of the issue to undo. */
    public record ReleaseRequest(
            @NotBlank(message = "requestId is required") @Size(max = 100, message = "requestId has at most 100 characters") String requestId) {
    }

    @Inject
    CardNumberService service;

    @Inject
    Callers callers;

    @Inject
    NumberSeriesConfig config;

    /**
     * {@code POST /internal/v1/card-numbers/{n}/issue}: FREE → ISSUED for a printed card of library
     * {@code libraryNumber} (R12); repeating the same request id returns the same result.
     *
     * @return 200 with the number (ISSUED); 400 malformed number, library number or request id; 409 when
     *         the number is ISSUED or RETIRED, or the request id was used otherwise; 422 when the number lies
     *         in none of the library's series
     */
    @POST
    @Path("{cardNumber}/issue")
    public CardNumberView issue(@PathParam("cardNumber") String cardNumber,
                                @Valid @NotNull(message = "a JSON body is required") IssueRequest request) {
        long number = Callers.cardNumber(cardNumber, "cardNumber");
        LibraryAccess.requireWellFormed(request.libraryNumber(), "libraryNumber");
        return CardNumberView.of(service.issue(number, request.libraryNumber(), request.requestId(), callers.actor()));
    }

    /**
     * {@code POST /internal/v1/card-numbers/{n}/release}: undoes the issue made with the same request id,
     * within {@code numberseries.release-window}; the number returns to FREE. Repeating it returns the same.
     *
     * @return 200 with the number (FREE); 400 malformed input; 409 when there is no such issue, the window
     *         has passed or the number is no longer ISSUED
     */
    @POST
    @Path("{cardNumber}/release")
    public CardNumberView release(@PathParam("cardNumber") String cardNumber,
                                  @Valid @NotNull(message = "a JSON body is required") ReleaseRequest request) {
        long number = Callers.cardNumber(cardNumber, "cardNumber");
        return CardNumberView.of(service.release(number, request.requestId(), callers.actor()));
    }

    /**
     * {@code POST /internal/v1/card-numbers/retirements}, body a JSON array of card numbers: each becomes
     * RETIRED and is never issued again (R13, R14, R20). Idempotent, all or nothing.
     *
     * @return 200 with the state of each distinct number; 400 for a malformed number (field {@code [i]});
     *         422 for an empty or too large batch, or a number in no series
     */
    @POST
    @Path("retirements")
    public List<CardNumberView> retire(@NotNull(message = "a JSON array of card numbers is required") List<String> numbers) {
        if (numbers.isEmpty() || numbers.size() > config.maxRetirementBatch()) {
            throw ProblemException.unprocessable("retirement-batch-size", "Retirement batch size out of range",
                    "A retirement batch holds 1.." + config.maxRetirementBatch() + " card numbers", null,
                    "1.." + config.maxRetirementBatch());
        }
        List<Long> parsed = new ArrayList<>(numbers.size());
        for (int i = 0; i < numbers.size(); i++) {
            parsed.add(Callers.cardNumber(numbers.get(i), "[" + i + "]"));
        }
        return service.retire(parsed, callers.actor()).stream().map(CardNumberView::of).toList();
    }
}
