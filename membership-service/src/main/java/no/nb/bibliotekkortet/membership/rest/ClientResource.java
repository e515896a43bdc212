package no.nb.bibliotekkortet.membership.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import no.nb.bibliotekkortet.common.security.ClientEntry;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.membership.service.ClientRegistryAdmin;

/**
 * NB's admin API for the client registry (scope {@code admin}, client kind ADMIN). A change applies at once
 * in membership-service and within {@code register.client-registry.cache-ttl} (30 s) in the others.
 */
@Path("/api/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.BACK_OFFICE)
public class ClientResource {

    @Inject
    ClientRegistryAdmin registry;

    @Inject
    Caller caller;

    /** Every entry: {clientId, kind, name, libraryNumbers, partnerId, active}. */
    @GET
    public List<ClientEntry> list() {
        caller.requireAdmin();
        return registry.all();
    }

    /** One entry; 404 unknown. */
    @GET
    @Path("/{clientId}")
    public ClientEntry get(@PathParam("clientId") String clientId) {
        caller.requireAdmin();
        return registry.get(clientId);
    }

    /** Creates an entry: 201 with Location; 409 when the client id exists; 400 invalid values. */
    @POST
    public Response create(@NotNull @Valid Requests.ClientBody body) {
        caller.requireAdmin();
        ClientEntry created = registry.create(new ClientEntry(body.clientId(), body.kind(), body.name(), body.libraryNumbers(),
                body.partnerId(), body.active() == null || body.active()));
        return Response.created(URI.create("/api/v1/clients/" + created.clientId())).entity(created).build();
    }

    /** Replaces an entry's kind, name, library numbers, partner id and active flag; 404 unknown. */
    @PUT
    @Path("/{clientId}")
    public ClientEntry change(@PathParam("clientId") String clientId, @NotNull @Valid Requests.ClientChange body) {
        caller.requireAdmin();
        return registry.change(new ClientEntry(clientId, body.kind(), body.name(), body.libraryNumbers(), body.partnerId(),
                body.active()));
    }

    /** Deactivates an entry (it is kept, inactive): 200 with the entry; 404 unknown. */
    @DELETE
    @Path("/{clientId}")
    public ClientEntry deactivate(@PathParam("clientId") String clientId) {
        caller.requireAdmin();
        return registry.deactivate(clientId);
    }
}
