package no.nb.bibliotekkortet.notification.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * patron-service's internal contact contract, called with this service's own service token
 * (scope {@code bibliotekkortet:internal}). URL and timeouts: {@code quarkus.rest-client.patron-service.*}.
 */
@RegisterRestClient(configKey = "patron-service")
@OidcClientFilter
@Path("/internal/v1/patrons")
public interface PatronRestClient {

    /** The contact data of patron {@code patronId}; 404 when the patron does not exist (any more). */
    @GET
    @Path("/{patronId}/contact")
    @Produces(MediaType.APPLICATION_JSON)
    PatronContact contact(@PathParam("patronId") String patronId);
}
