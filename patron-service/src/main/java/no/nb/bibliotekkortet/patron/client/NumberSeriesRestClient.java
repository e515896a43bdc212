package no.nb.bibliotekkortet.patron.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * numberseries-service's internal card-number contract (ARCHITECTURE.md), called with patron-service's own
 * service token (the default OIDC client, JWT grant). Only {@link NumberSeriesClient} uses it.
 */
@RegisterRestClient(configKey = "numberseries")
@OidcClientFilter
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface NumberSeriesRestClient {

    /** Body of an issue: the library registering the printed card and the caller's request id (≤ 100 chars). */
    record IssueRequest(String libraryNumber, String requestId) {
    }

    /** Body of a release or a digital allocation: the caller's request id (≤ 100 chars). */
    record RequestId(String requestId) {
    }

    /** A card number's state as numberseries answers it ({@code N} + 9 digits; FREE, ISSUED, RETIRED). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CardNumber(String cardNumber, String state) {
    }

    /** {@code POST card-numbers/{n}/issue}: 200; 400 malformed, 409 not free, 422 outside the library's series. */
    @POST
    @Path("card-numbers/{n}/issue")
    void issue(@PathParam("n") String cardNumber, IssueRequest body);

    /** {@code POST card-numbers/{n}/release}: undoes the issue made with the same request id; 200, 409. */
    @POST
    @Path("card-numbers/{n}/release")
    void release(@PathParam("n") String cardNumber, RequestId body);

    /** {@code POST card-numbers/retirements ["N…"]}: 200; idempotent, all or nothing. */
    @POST
    @Path("card-numbers/retirements")
    void retire(List<String> cardNumbers);

    /** {@code POST digital-card-numbers}: 201 (200 when the request id was seen) with the number. */
    @POST
    @Path("digital-card-numbers")
    CardNumber allocateDigital(RequestId body);
}
