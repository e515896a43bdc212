package no.nb.bibliotekkortet.membership.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * patron-service's internal contract {@code POST /internal/v1/patrons/resolve} (ARCHITECTURE.md), called
 * with membership-service's own service token. The identity number travels only in the body.
 */
@RegisterRestClient(configKey = "patron-service")
@OidcClientFilter
@Path("/internal/v1/patrons")
public interface PatronRestClient {

    /** Request: exactly one of the two. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ResolveRequest(String cardNumber, String identityNumber) {
    }

    /** Answer: the opaque patron id and what else the contract returns (ignored here except the id and state). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Resolved(String patronId, String state, LocalDate birthDate, String birthDateSource) {
    }

    @POST
    @Path("/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Resolved resolve(ResolveRequest request);
}
