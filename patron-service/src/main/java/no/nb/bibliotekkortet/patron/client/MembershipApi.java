package no.nb.bibliotekkortet.patron.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** membership-service's internal contracts used by registrations (R8, R9, R10): the membership, the library entry. */
@RegisterRestClient(configKey = "membership")
@OidcClientFilter
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface MembershipApi {

    /**
     * {@code mode}: {@code IN_PERSON} (staff registration: ACTIVE, IN_PERSON acceptance) or {@code SELF_REGISTERED}
     * (ID-porten self-registration and children: per the library's activation mode). The membership is the
     * patron's home membership (their first).
     */
    record CreateMembership(String patronId, String libraryNumber, String mode) {
    }

    /** Answers 201/200 with the membership view {patronId, libraryNumber, state, home, version, ...}. */
    @POST
    @Path("memberships")
    JsonNode create(CreateMembership body);

    /** The directory entry {libraryNumber, name, activationMode, loanRules {version}, ...}; 404 unknown. */
    @GET
    @Path("libraries/{n}")
    JsonNode library(@PathParam("n") String libraryNumber);
}
