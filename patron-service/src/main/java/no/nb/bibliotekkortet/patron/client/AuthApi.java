package no.nb.bibliotekkortet.patron.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** auth-service's internal contract for the initial PIN set at registration. */
@RegisterRestClient(configKey = "auth")
@OidcClientFilter
@Path("/internal/v1/patrons")
@Consumes(MediaType.APPLICATION_JSON)
public interface AuthApi {

    /** Never logged: the PIN travels only in this body. */
    record Credentials(String pin) {
        @Override
        public String toString() {
            return "Credentials[pin=****]";
        }
    }

    @PUT
    @Path("{id}/credentials")
    Response setCredentials(@PathParam("id") UUID patronId, Credentials body);
}
