package no.nb.bibliotekkortet.auth.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.nb.bibliotekkortet.auth.service.PatronTokenService;

/**
 * The OpenID configuration and key set of auth-service's patron tokens, public without a token
 * (ARCHITECTURE.md): other services' OIDC tenant {@code patron} discovers them from
 * {@code <issuer>/.well-known/openid-configuration}.
 */
@Path("/api/v1/.well-known")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class WellKnownResource {

    @Inject
    PatronTokenService tokens;

    /** {@code GET /api/v1/.well-known/openid-configuration} → {issuer, jwks_uri, …}; issuer = the tokens' iss. */
    @GET
    @Path("/openid-configuration")
    public Response configuration() {
        return Response.ok(tokens.openIdConfiguration()).header("Cache-Control", "public, max-age=300").build();
    }

    /** {@code GET /api/v1/.well-known/jwks.json} → {keys: [RSA public keys with kid]}: current, next and retiring keys. */
    @GET
    @Path("/jwks.json")
    public Response jwks() {
        return Response.ok(tokens.jwks()).header("Cache-Control", "public, max-age=300").build();
    }
}
