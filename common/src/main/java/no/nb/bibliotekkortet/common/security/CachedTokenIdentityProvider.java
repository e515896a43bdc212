package no.nb.bibliotekkortet.common.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Serves a bearer access token that {@link VerifiedTokens} holds (same token string, before its {@code exp}) with the
 * identity quarkus-oidc built when it verified it; answers nothing (a null item) for any other token, so that the
 * security manager passes the request on to quarkus-oidc's own provider, which verifies it in full (signature, issuer,
 * audience, expiry) and refuses or accepts it; {@link VerifiedTokenRecorder} then stores what it accepted. Runs before
 * quarkus-oidc's provider (priority {@value #PRIORITY}; quarkus-oidc's has the default 1001). Code-flow tokens (ID tokens) are never served.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    static final int PRIORITY = 2_000;

    private static final Uni<SecurityIdentity> NOT_CACHED = Uni.createFrom().nullItem();

    private final VerifiedTokens tokens;

    public CachedTokenIdentityProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!tokens.enabled() || !(request.getToken() instanceof AccessTokenCredential credential)) {
            return NOT_CACHED;
        }
        String token = credential.getToken();
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        Optional<VerifiedTokens.Verified> found = fromResolver(routing, token);
        if (found.isEmpty()) {
            found = tokens.find(token);
        }
        return found.map(v -> Uni.createFrom().item(tokens.serve(v, routing, context))).orElse(NOT_CACHED);
    }

    /** The entry {@link CachedTokenTenantResolver} found for this very token in this request, still before its exp. */
    private Optional<VerifiedTokens.Verified> fromResolver(RoutingContext routing, String token) {
        if (routing == null || !(routing.get(VerifiedTokens.ROUTING_CONTEXT_KEY) instanceof VerifiedTokens.Verified v)
                || !v.token().equals(token)) {
            return Optional.empty();
        }
        return tokens.stillValid(v) ? Optional.of(v) : Optional.empty();
    }
}
