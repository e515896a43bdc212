package no.nb.bibliotekkortet.common.security;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Resolves the OIDC tenant of a bearer token that {@link VerifiedTokens} already holds, from the tenant that verified
 * it, so that quarkus-oidc's issuer-based resolution ({@code quarkus.oidc.resolve-tenants-with-issuer}) need not decode
 * the token's payload once per candidate tenant. Any other request (no bearer token, a token not cached or past its
 * {@code exp}) gets null: quarkus-oidc then resolves by issuer as before. The entry found is left on the routing
 * context for {@link CachedTokenIdentityProvider}, which checks it again.
 */
@ApplicationScoped
public class CachedTokenTenantResolver implements TenantResolver {

    private static final String BEARER = "Bearer ";

    private final VerifiedTokens tokens;

    public CachedTokenTenantResolver(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public String resolve(RoutingContext context) {
        if (!tokens.enabled()) {
            return null;
        }
        String token = bearerToken(context.request().getHeader("Authorization"));
        Optional<VerifiedTokens.Verified> found = tokens.find(token);
        if (found.isEmpty()) {
            return null;
        }
        context.put(VerifiedTokens.ROUTING_CONTEXT_KEY, found.get());
        return found.get().tenantId();
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive), else null. */
    static String bearerToken(String header) {
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }
}
