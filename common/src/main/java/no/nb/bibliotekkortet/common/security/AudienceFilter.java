package no.nb.bibliotekkortet.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemResponses;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Keeps the two audiences apart: a token for {@code /internal/...} must carry the internal audience, a
 * token for {@code /api/...} the public one (quarkus-oidc has already checked that it carries one of
 * them). A mismatch is answered 401, as for any token not meant for this API.
 */
public class AudienceFilter {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    /** Audience URI that public API tokens must carry, requested with RFC 8707 {@code resource}. */
    @ConfigProperty(name = "register.security.public-audience")
    String publicAudience;

    /** Audience URI that service-to-service tokens must carry for {@code /internal} endpoints. */
    @ConfigProperty(name = "register.security.internal-audience")
    String internalAudience;

    @ServerRequestFilter(preMatching = true, priority = 10)
    public Response checkAudience(ContainerRequestContext request) {
        if (identity.isAnonymous() || token.getAudience() == null) {
            return null;
        }
        String path = request.getUriInfo().getPath();
        String required = path.startsWith("/internal/") ? internalAudience
                : path.startsWith("/api/") ? publicAudience : null;
        if (required == null || token.getAudience().contains(required)) {
            return null;
        }
        return ProblemResponses.of(Problem.of(401, "wrong-audience", "Unauthorized",
                "The token's audience does not include " + required, null, null));
    }
}
