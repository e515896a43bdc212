package no.nb.bibliotekkortet.patron.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Every service's erasure-verify contract (ARCHITECTURE.md): {@code POST /internal/v1/erasures/verify}
 * [{patronId, identityHash, email, phone}] → a count ({@code {"held": n}}; membership-service answers
 * {@code {"memberships": n}}). Built per service by {@link ErasureCheckService} with the service's base URL.
 */
@OidcClientFilter
@Path("/internal/v1/erasures")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface ErasureVerifyApi {

    /** One person to look for; any field may be null. {@code identityHash} is the base64 keyed hash. */
    record Item(String patronId, String identityHash, String email, String phone) {
    }

    @POST
    @Path("verify")
    JsonNode verify(List<Item> items);
}
