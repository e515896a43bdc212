package no.nb.bibliotekkortet.auth.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** membership-service's internal contract used by auth-service (ARCHITECTURE.md, internal contracts). */
@RegisterRestClient(configKey = "membership-service")
@OidcClientFilter
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface MembershipServiceClient {

    /** {@code GET /internal/v1/patrons/{id}/memberships} → [{libraryNumber, state, home}]. */
    @GET
    @Path("/patrons/{id}/memberships")
    Response memberships(@PathParam("id") String patronId);

    /** {@code GET /internal/v1/libraries/{number}} → the directory entry; 404 unknown. */
    @GET
    @Path("/libraries/{number}")
    Response library(@PathParam("number") String libraryNumber);
}
