package no.nb.bibliotekkortet.patron.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** auth-service's internal contracts: initial credentials at registration, one-time-code consumption (R16). */
@RegisterRestClient(configKey = "auth")
@OidcClientFilter
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface AuthApi {

    /** PIN (4–6 digits at auth) and optional password; never logged: they travel only in this body. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Credentials(String pin, String password) {
        @Override
        public String toString() {
            return "Credentials[****]";
        }
    }

    /** A one-time code to consume for {@code purpose} on behalf of {@code patronId}. */
    record Consume(String otpId, String code, String purpose, String patronId) {
        @Override
        public String toString() {
            return "Consume[" + otpId + ", " + purpose + "]";
        }
    }

    @PUT
    @Path("patrons/{id}/credentials")
    Response setCredentials(@PathParam("id") UUID patronId, Credentials body);

    /** 200 {@code {valid: true}} when consumed; otherwise {@code {valid: false, reason}} or a problem. */
    @POST
    @Path("otp/consume")
    JsonNode consume(Consume body);
}
