package no.nb.bibliotekkortet.common.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Gives each authenticated token its roles ({@link Permissions}): Maskinporten scopes
 * {@code bibliotekkortet:x} become role {@code x}; an ID-porten token becomes {@code citizen}; an
 * auth-service patron token becomes {@code patron}. Which issuer a token came from is the OIDC tenant
 * that verified it (tenants are resolved by issuer).
 */
@ApplicationScoped
public class PermissionAugmentor implements SecurityIdentityAugmentor {

    /** Attribute set by quarkus-oidc on the identity: the id of the tenant that verified the token. */
    static final String TENANT_ID_ATTRIBUTE = "tenant-id";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        TokenKind kind = tokenKind(identity.getAttribute(TENANT_ID_ATTRIBUTE));
        if (kind == null) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
        builder.addAttribute(TokenKind.class.getName(), kind);
        if (kind == TokenKind.MASKINPORTEN) {
            Object scope = jwt.getClaim("scope");
            if (scope != null) {
                for (String s : scope.toString().split(" ")) {
                    if (s.startsWith(Permissions.SCOPE_PREFIX)) {
                        builder.addRole(s.substring(Permissions.SCOPE_PREFIX.length()));
                    }
                }
            }
        } else if (kind == TokenKind.IDPORTEN) {
            builder.addRole(Permissions.CITIZEN);
        } else if (kind == TokenKind.PATRON) {
            builder.addRole(Permissions.PATRON);
        }
        return Uni.createFrom().item(builder.build());
    }

    /**
     * Maps an OIDC tenant id ({@code maskinporten}, {@code idporten}, {@code patron}) to a token kind;
     * null for any other tenant, which then gets no roles at all.
     */
    static TokenKind tokenKind(Object tenantId) {
        if (tenantId == null) {
            return null;
        }
        return switch (tenantId.toString()) {
            case "maskinporten" -> TokenKind.MASKINPORTEN;
            case "idporten" -> TokenKind.IDPORTEN;
            case "patron" -> TokenKind.PATRON;
            default -> null;
        };
    }
}
