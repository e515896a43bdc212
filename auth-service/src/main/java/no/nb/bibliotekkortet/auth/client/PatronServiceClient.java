package no.nb.bibliotekkortet.auth.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** patron-service's internal contract used by auth-service (ARCHITECTURE.md, internal contracts). */
@RegisterRestClient(configKey = "patron-service")
@OidcClientFilter
@Path("/internal/v1")
public interface PatronServiceClient {

    /** {@code POST /internal/v1/patrons/resolve {cardNumber}} → {patronId, state, birthDate, birthDateSource}; 404 unknown. */
    @POST
    @Path("/patrons/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response resolve(Map<String, String> body);

    /** {@code GET /internal/v1/patrons/{id}/contact} → {email, phone, preferredChannel, language, …}; 404 unknown. */
    @jakarta.ws.rs.GET
    @Path("/patrons/{id}/contact")
    @Produces(MediaType.APPLICATION_JSON)
    Response contact(@jakarta.ws.rs.PathParam("id") String patronId);
}
