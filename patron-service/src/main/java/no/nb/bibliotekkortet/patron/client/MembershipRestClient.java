package no.nb.bibliotekkortet.patron.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * membership-service's internal contracts (ARCHITECTURE.md) used by registrations and card operations (R8, R9,
 * R10, R13), called with patron-service's own service token. Only {@link MembershipClient} uses it.
 */
@RegisterRestClient(configKey = "membership")
@OidcClientFilter
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface MembershipRestClient {

    /**
     * {@code mode}: {@code IN_PERSON} (staff registration: ACTIVE, IN_PERSON acceptance) or {@code SELF_REGISTERED}
     * (ID-porten self-registration and children: per the library's activation mode). The membership is the
     * patron's home membership (their first).
     */
    record CreateMembership(String patronId, String libraryNumber, String mode) {
    }

    /** A membership as membership-service shows it (the fields patron-service keeps; others ignored). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Membership(String libraryNumber, String state, Boolean home, Long version) {
    }

    /** A library's directory entry (the fields patron-service uses; others ignored). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Library(String libraryNumber, String name, String activationMode) {
    }

    /** {@code POST memberships}: 201/200 with the membership. */
    @POST
    @Path("memberships")
    Membership create(CreateMembership body);

    /** {@code GET libraries/{n}}: the directory entry; 404 unknown. */
    @GET
    @Path("libraries/{n}")
    Library library(@PathParam("n") String libraryNumber);

    /** {@code POST patrons/{a}/merge-from/{b}}: moves b's memberships to a; 200 with a's memberships. */
    @POST
    @Path("patrons/{a}/merge-from/{b}")
    List<Membership> merge(@PathParam("a") String a, @PathParam("b") String b);

    /** {@code POST erasures/verify}: 200 with how much is still held about these people. */
    @POST
    @Path("erasures/verify")
    ErasureVerification.Held verifyErasure(List<ErasureVerification.Item> items);
}
