package no.nb.bibliotekkortet.common.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Gives each authenticated token its roles ({@link Roles}), the one place where "who may call what" is decided for
 * every service:
 * <ul>
 *   <li>Maskinporten: the client is looked up in the {@link ClientRegistry}; a registered, active client of kind K
 *       gets {@code K} and {@code K:<scope>} for each {@code bibliotekkortet:<scope>} of its token; an unknown or
 *       deactivated client gets no role at all (every operation answers 403);</li>
 *   <li>ID-porten: {@code citizen} when {@code acr} is an accepted level ({@link LoginLevels}), else nothing;</li>
 *   <li>auth-service patron tokens: {@code patron} when {@code acr} is a known {@code nlsso-loa-*} level.</li>
 * </ul>
 * Which issuer a token came from is the OIDC tenant that verified it (tenants are resolved by issuer). The registry
 * entry is kept on the identity ({@link #CLIENT_ATTRIBUTE}) so that {@link Caller} need not look it up again.
 */
@ApplicationScoped
public class PermissionAugmentor implements SecurityIdentityAugmentor {

    /** Attribute set by quarkus-oidc on the identity: the id of the tenant that verified the token. */
    static final String TENANT_ID_ATTRIBUTE = "tenant-id";
    /** Attribute holding the caller's {@code Optional<ClientEntry>} (Maskinporten tokens only). */
    static final String CLIENT_ATTRIBUTE = ClientEntry.class.getName();

    private final ClientRegistry registry;

    public PermissionAugmentor(ClientRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        TokenKind kind = tokenKind(identity.getAttribute(TENANT_ID_ATTRIBUTE));
        if (kind == null) {
            return Uni.createFrom().item(identity);
        }
        if (kind == TokenKind.MASKINPORTEN) {
            // The registry may be a database or a remote call: never on the event loop. An answer it holds in memory
            // (the file, a fresh cached answer) is used here, without moving the request to a worker thread and back.
            Object clientId = jwt.getClaim("client_id");
            String id = clientId == null ? null : clientId.toString();
            Optional<Optional<ClientEntry>> known = id == null ? Optional.of(Optional.empty()) : registry.findInMemory(id);
            if (known.isPresent()) {
                return Uni.createFrom().item(organisation(identity, jwt, known.get()));
            }
            return context.runBlocking(() -> organisation(identity, jwt, registry.find(id)));
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
        builder.addAttribute(TokenKind.class.getName(), kind);
        if (LoginLevels.accepted(kind, jwt.getClaim("acr") == null ? null : jwt.getClaim("acr").toString())) {
            builder.addRole(kind == TokenKind.IDPORTEN ? Roles.CITIZEN : Roles.PATRON);
        }
        return Uni.createFrom().item(builder.build());
    }

    private static SecurityIdentity organisation(SecurityIdentity identity, JsonWebToken jwt, Optional<ClientEntry> found) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
        builder.addAttribute(TokenKind.class.getName(), TokenKind.MASKINPORTEN);
        Optional<ClientEntry> entry = found.filter(ClientEntry::active);
        builder.addAttribute(CLIENT_ATTRIBUTE, entry);
        entry.ifPresent(client -> builder.addRoles(Roles.of(client.kind(), scopes(jwt))));
        return builder.build();
    }

    /** The token's {@code bibliotekkortet:} scopes without the prefix (space-separated {@code scope} claim). */
    static List<String> scopes(JsonWebToken jwt) {
        Object scope = jwt.getClaim("scope");
        List<String> result = new ArrayList<>();
        if (scope != null) {
            for (String s : scope.toString().split(" ")) {
                if (s.startsWith(Permissions.SCOPE_PREFIX) && s.length() > Permissions.SCOPE_PREFIX.length()) {
                    result.add(s.substring(Permissions.SCOPE_PREFIX.length()));
                }
            }
        }
        return result;
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
