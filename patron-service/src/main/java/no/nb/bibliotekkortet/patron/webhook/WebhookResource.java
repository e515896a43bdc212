package no.nb.bibliotekkortet.patron.webhook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.common.security.Roles;

/**
 * {@code /api/v1/changes/webhook} (R15, push): the webhook of the library in {@code Library-Number}, to which
 * every new change the library may see in the feed is POSTed. Scope {@code patrons.read} (the webhook is the
 * feed pushed, and carries what the feed carries).
 */
@Path("/api/v1/changes/webhook")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    /** Registration body: {@code url} (required), {@code secret} (optional: absent → generated and returned once). */
    public record WebhookRequest(String url, String secret) {
    }

    @Inject
    WebhookService webhooks;

    @Inject
    LibraryAccess access;

    /**
     * Registers or replaces the library's webhook.
     *
     * @return 201 (new) or 200 (replaced) {libraryNumber, url, secret? (only when generated: shown once),
     *         createdAt, updatedAt?, pendingDeliveries}; 400 field {@code url}/{@code secret}/{@code Library-Number},
     *         unknown fields; 422 field {@code url} rule {@code https-required}, {@code address-not-allowed},
     *         {@code host-not-resolvable}; 401; 403 wrong scope or library
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.LIBRARY_PATRONS_READ)
    public Response register(@HeaderParam(LibraryAccess.HEADER) String libraryNumber, WebhookRequest request) {
        var client = access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        if (request == null) {
            throw ProblemException.badRequest(null, "a JSON body is required", "A JSON body is required");
        }
        WebhookService.Registration r = webhooks.register(libraryNumber, client.clientId(), request.url(), request.secret());
        return Response.status(r.created() ? 201 : 200).entity(r.webhook()).build();
    }

    /**
     * The library's webhook (never its secret) with its backlog.
     *
     * @return 200 {libraryNumber, url, createdAt, updatedAt?, pendingDeliveries, oldestPendingSince?, lastError?};
     *         404 {@code no-webhook}
     */
    @GET
    @RolesAllowed(Roles.LIBRARY_PATRONS_READ)
    public WebhookService.Registered get(@HeaderParam(LibraryAccess.HEADER) String libraryNumber) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        return webhooks.find(libraryNumber)
                .orElseThrow(() -> ProblemException.notFound("no-webhook", "This library has no webhook"));
    }

    /**
     * Removes the library's webhook and its queued deliveries (the feed keeps every change).
     *
     * @return 204; 404 {@code no-webhook}
     */
    @DELETE
    @RolesAllowed(Roles.LIBRARY_PATRONS_READ)
    public void delete(@HeaderParam(LibraryAccess.HEADER) String libraryNumber) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        if (!webhooks.delete(libraryNumber)) {
            throw ProblemException.notFound("no-webhook", "This library has no webhook");
        }
    }
}
