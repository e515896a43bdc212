package no.nb.bibliotekkortet.patron.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** numberseries' retirement and membership's merge/membership contracts used by card operations (R1, R13, R14). */
public interface CardNumbersApi {

    /** numberseries-service: {@code POST /internal/v1/card-numbers/retirements ["N…"]} → 200 states; idempotent. */
    @RegisterRestClient(configKey = "numberseries")
    @OidcClientFilter
    @Path("/internal/v1")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    interface Retirements {
        @POST
        @Path("card-numbers/retirements")
        JsonNode retire(List<String> cardNumbers);
    }

    /** membership-service: {@code POST /internal/v1/patrons/{a}/merge-from/{b}} → 200 a's memberships. */
    @RegisterRestClient(configKey = "membership")
    @OidcClientFilter
    @Path("/internal/v1")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    interface Merges {
        @POST
        @Path("patrons/{a}/merge-from/{b}")
        JsonNode merge(@PathParam("a") String a, @PathParam("b") String b);
    }
}
