package no.nb.bibliotekkortet.patron.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * notification-service's internal erasure-verify contract (ARCHITECTURE.md), called with patron-service's own
 * service token. Only {@link NotificationClient} uses it; notices themselves go through the outbox.
 */
@RegisterRestClient(configKey = "notification")
@OidcClientFilter
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface NotificationRestClient {

    /** {@code POST erasures/verify}: 200 {@code {"held": n}}. */
    @POST
    @Path("erasures/verify")
    ErasureVerification.Held verifyErasure(List<ErasureVerification.Item> items);
}
