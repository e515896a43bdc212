package no.nb.bibliotekkortet.patron.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * auth-service's internal contracts (ARCHITECTURE.md): initial credentials at registration, one-time-code
 * consumption (R16); called with patron-service's own service token. Only {@link AuthClient} uses it.
 */
@RegisterRestClient(configKey = "auth")
@OidcClientFilter
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface AuthRestClient {

    /** PIN (4–6 digits at auth) and optional password; never logged: they travel only in this body. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Credentials(String pin, String password) {
        @Override
        public String toString() {
            return "Credentials[****]";
        }
    }

    /** A one-time code to consume for {@code purpose} on behalf of {@code patronId}. */
    record Consume(String otpId, String code, String purpose, String patronId) {
        @Override
        public String toString() {
            return "Consume[" + otpId + ", " + purpose + "]";
        }
    }

    /**
     * The answer to a consumption, and the fields of a refusal's problem: {@code valid} true when consumed;
     * otherwise the reason ({@code reason}, or a problem's {@code rule}/{@code type}), and for refused
     * credentials the problem's {@code field}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(Boolean valid, String reason, String rule, String type, String field) {
    }

    /** {@code PUT patrons/{id}/credentials}: 204/200; 400 or 422 naming the refused field. */
    @PUT
    @Path("patrons/{id}/credentials")
    void setCredentials(@PathParam("id") UUID patronId, Credentials body);

    /** {@code POST otp/consume}: 200 {@code {valid: true}} when consumed; otherwise {@code {valid: false, reason}} or a problem. */
    @POST
    @Path("otp/consume")
    Answer consume(Consume body);

    /** {@code POST erasures/verify}: 200 with how much is still held about these people. */
    @POST
    @Path("erasures/verify")
    ErasureVerification.Held verifyErasure(List<ErasureVerification.Item> items);
}
