package no.nb.bibliotekkortet.auth.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * membership-service's internal contracts used by auth-service (ARCHITECTURE.md, internal contracts), called
 * with auth-service's own service token. Only {@link MembershipClient} uses it.
 */
@RegisterRestClient(configKey = "membership-service")
@OidcClientFilter
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface MembershipRestClient {

    /** One membership (the fields auth-service uses; others ignored). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MembershipView(String libraryNumber, String state, Boolean home) {
    }

    /** A library's directory entry (the fields auth-service uses; others ignored). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LibraryView(String libraryNumber, List<String> securityLevels, List<String> partnerServices,
                       Integer unstaffedMinimumAge) {
    }

    /** {@code GET /internal/v1/patrons/{id}/memberships}: 200 the patron's memberships (empty when none). */
    @GET
    @Path("/patrons/{id}/memberships")
    List<MembershipView> memberships(@PathParam("id") String patronId);

    /** {@code GET /internal/v1/libraries/{number}}: 200 the directory entry; 404 unknown. */
    @GET
    @Path("/libraries/{number}")
    LibraryView library(@PathParam("number") String libraryNumber);
}
