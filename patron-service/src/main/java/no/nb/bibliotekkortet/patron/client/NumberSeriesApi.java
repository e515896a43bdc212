package no.nb.bibliotekkortet.patron.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** numberseries-service's internal card-number contract (ARCHITECTURE.md), called with patron-service's own token. */
@RegisterRestClient(configKey = "numberseries")
@OidcClientFilter
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface NumberSeriesApi {

    record IssueBody(String libraryNumber, String requestId) {
    }

    record RequestIdBody(String requestId) {
    }

    @POST
    @Path("card-numbers/{n}/issue")
    JsonNode issue(@PathParam("n") String cardNumber, IssueBody body);

    @POST
    @Path("card-numbers/{n}/release")
    JsonNode release(@PathParam("n") String cardNumber, RequestIdBody body);

    @POST
    @Path("digital-card-numbers")
    JsonNode allocateDigital(RequestIdBody body);
}
