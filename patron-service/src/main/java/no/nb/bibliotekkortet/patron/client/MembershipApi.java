package no.nb.bibliotekkortet.patron.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** membership-service's internal contract for the membership a registration creates (R8). */
@RegisterRestClient(configKey = "membership")
@OidcClientFilter
@Path("/internal/v1/memberships")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface MembershipApi {

    /** {@code activation} IN_PERSON for staff registrations; {@code home} true: L becomes the home library. */
    record CreateMembership(UUID patronId, String libraryNumber, boolean home, String activation, String requestId) {
    }

    @POST
    JsonNode create(CreateMembership body);
}
