package no.nb.bibliotekkortet.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, read from the verified bearer token of the current request.
 *
 * <p>Organisation systems (Maskinporten) are identified by {@code client_id} and looked up in the
 * {@link ClientRegistry}; citizens (ID-porten) by the identity number in {@code pid}, which must never
 * be logged or echoed; patrons logged in through auth-service by {@code sub}, the opaque patron id.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    ClientRegistry registry;

    /** The issuer kind of the token, or empty for an anonymous request. */
    public Optional<TokenKind> tokenKind() {
        return Optional.ofNullable(identity.getAttribute(TokenKind.class.getName()));
    }

    /** Maskinporten {@code client_id} (also present on ID-porten tokens: the citizen's client). */
    public Optional<String> clientId() {
        return Optional.ofNullable(token.<String>getClaim("client_id"));
    }

    /** The registry entry of a Maskinporten caller; empty for citizens and unknown clients. */
    public Optional<ClientEntry> client() {
        if (tokenKind().orElse(null) != TokenKind.MASKINPORTEN) {
            return Optional.empty();
        }
        Optional<ClientEntry> known = identity.getAttribute(PermissionAugmentor.CLIENT_ATTRIBUTE);
        if (known != null) {
            return known;
        }
        return clientId().flatMap(registry::find).filter(ClientEntry::active);
    }

    /**
     * The registry entry of a Maskinporten caller.
     *
     * @throws ProblemException 403 when the client is not in the registry or is deactivated
     */
    public ClientEntry requireClient() {
        return client().orElseThrow(() -> ProblemException.forbidden("unknown-client",
                "The client is not registered in the client registry, or it is deactivated"));
    }

    /**
     * Requires a registered, active client of the given kind.
     *
     * @throws ProblemException 403 {@code unknown-client}, or 403 {@code slug} with {@code detail} for another kind
     */
    public ClientEntry requireKind(ClientKind kind, String slug, String detail) {
        ClientEntry client = requireClient();
        if (client.kind() != kind) {
            throw ProblemException.forbidden(slug, detail);
        }
        return client;
    }

    /**
     * Requires NB's back office (a registered, active client of kind ADMIN).
     *
     * @param detail what only the back office may do, for the problem's detail
     * @throws ProblemException 403 {@code unknown-client}, or 403 {@code admin-only} for any other client
     */
    public ClientEntry requireAdmin(String detail) {
        return requireKind(ClientKind.ADMIN, "admin-only", detail);
    }

    /**
     * Requires NB's back office, with the detail "Only the National Library's back office may do this".
     *
     * @throws ProblemException 403 {@code unknown-client}, or 403 {@code admin-only} for any other client
     */
    public ClientEntry requireAdmin() {
        return requireAdmin("Only the National Library's back office may do this");
    }

    /** A citizen's identity number (ID-porten {@code pid}); never log or return it. */
    public Optional<String> identityNumber() {
        if (tokenKind().orElse(null) != TokenKind.IDPORTEN) {
            return Optional.empty();
        }
        return Optional.ofNullable(token.<String>getClaim("pid"));
    }

    /** The opaque patron id of an auth-service patron token ({@code sub}). */
    public Optional<String> patronId() {
        if (tokenKind().orElse(null) != TokenKind.PATRON) {
            return Optional.empty();
        }
        return Optional.ofNullable(token.getSubject());
    }

    /** The achieved login level ({@code acr}), e.g. {@code idporten-loa-high} or {@code nlsso-loa-low}. */
    public Optional<String> acr() {
        return Optional.ofNullable(token.<String>getClaim("acr"));
    }

    /**
     * A short, non-personal description of the caller for audit records: {@code client:<client_id>},
     * {@code citizen} or {@code patron:<opaque id>}.
     */
    public String auditName() {
        TokenKind kind = tokenKind().orElse(null);
        if (kind == TokenKind.MASKINPORTEN) {
            return "client:" + clientId().orElse("?");
        }
        if (kind == TokenKind.PATRON) {
            return "patron:" + patronId().orElse("?");
        }
        return kind == TokenKind.IDPORTEN ? "citizen" : "anonymous";
    }
}
