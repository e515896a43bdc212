package no.nb.bibliotekkortet.auth.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * patron-service's internal contracts used by auth-service (ARCHITECTURE.md, internal contracts), called with
 * auth-service's own service token. Only {@link PatronClient} uses it.
 */
@RegisterRestClient(configKey = "patron-service")
@OidcClientFilter
@Path("/internal/v1/patrons")
@Produces(MediaType.APPLICATION_JSON)
public interface PatronRestClient {

    /** Request of a resolve: exactly one of the two; the identity number travels only in this body. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ResolveRequest(String cardNumber, String identityNumber) {
        @Override
        public String toString() {
            return "ResolveRequest[****]";
        }
    }

    /** Answer of a resolve (the fields auth-service uses; others ignored). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Resolved(String patronId, String state, LocalDate birthDate, String birthDateSource, String cardState) {
    }

    /** A patron's contact data (the fields auth-service uses; the addresses are only checked for presence). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Contact(String email, String phone, String preferredChannel) {
    }

    /** {@code POST /internal/v1/patrons/resolve}: 200 the patron; 404 unknown. */
    @POST
    @Path("/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    Resolved resolve(ResolveRequest request);

    /** {@code GET /internal/v1/patrons/{id}/contact}: 200 the contact data; 404 unknown. */
    @GET
    @Path("/{id}/contact")
    Contact contact(@PathParam("id") String patronId);
}
