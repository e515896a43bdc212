package no.nb.bibliotekkortet.numberseries.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.numberseries.rest.Views.CardNumberView;
import no.nb.bibliotekkortet.numberseries.service.DigitalSeriesService;

/**
 * {@code POST /internal/v1/digital-card-numbers} (ARCHITECTURE.md, internal contracts): a number from the
 * national digital series for a self-registered digital card (R9). Scope {@code bibliotekkortet:internal},
 * internal audience.
 */
@Path("/internal/v1/digital-card-numbers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE_INTERNAL)
public class InternalDigitalCardNumberResource {

    /** Body: the caller's request id (≤ 100 chars); repeating it returns the same number. */
    public record AllocationRequest(
            @NotBlank(message = "requestId is required") @Size(max = 100, message = "requestId has at most 100 characters") String requestId) {
    }

    @Inject
    DigitalSeriesService service;

    @Inject
    Callers callers;

    /**
     * Allocates the next free digital number (ISSUED).
     *
     * @return 201 with the number and its {@code Location} ({@code /api/v1/card-numbers/N…}); 200 with the
     *         same number when the request id was seen before; 400 for a missing request id; 409 when the
     *         number space is exhausted or the request id was used for something else
     */
    @POST
    public Response allocate(@Valid @NotNull(message = "a JSON body is required") AllocationRequest request) {
        DigitalSeriesService.Allocation allocation = service.allocate(request.requestId(), callers.actor());
        CardNumberView view = CardNumberView.of(allocation.status());
        if (!allocation.created()) {
            return Response.ok(view).build();
        }
        return Response.created(URI.create("/api/v1/card-numbers/" + view.cardNumber())).entity(view).build();
    }
}
