package no.nb.bibliotekkortet.common.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stores in {@link VerifiedTokens} each bearer access token quarkus-oidc has just accepted, with the identity it built.
 * An augmentor, so it sees only accepted tokens; it runs first of all augmentors (priority {@value #PRIORITY}), so the
 * stored identity carries no roles or registry entry of {@link PermissionAugmentor}, which gives them per request.
 * Identities served from the cache are not stored again. The identity itself passes through unchanged.
 */
@ApplicationScoped
public class VerifiedTokenRecorder implements SecurityIdentityAugmentor {

    static final int PRIORITY = 10_000;

    private final VerifiedTokens tokens;

    public VerifiedTokenRecorder(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (tokens.enabled() && !identity.isAnonymous() && identity.getAttribute(VerifiedTokens.FROM_CACHE_ATTRIBUTE) == null) {
            AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
            if (credential != null && !credential.isOpaque()) {
                tokens.remember(credential.getToken(), identity);
            }
        }
        return Uni.createFrom().item(identity);
    }
}
