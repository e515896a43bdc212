package no.nb.bibliotekkortet.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * 401 as {@code application/problem+json} also where authentication fails before a resource is reached: with
 * proactive authentication and the path policy for {@code /api/*} and {@code /internal/*}, a missing or malformed
 * bearer token is refused by the HTTP layer, whose default 401 has no body. This answers it with the same problem
 * document as
 * {@link ProblemExceptionMapper#unauthorized} and a {@code WWW-Authenticate: Bearer} challenge (RFC 6750), from a
 * handler ahead of authentication, for a missing, non-Bearer or non-JWS credential. Every other 401 of a protected
 * path gets the RFC 6750 challenge {@code Bearer realm="bibliotekkortet", error="invalid_token",
 * error_description="..."} saying why (expired, wrong audience naming the expected one, or not verifiable), see
 * {@link BearerChallenge}. (A Vert.x failure handler, as
 * the guide suggests for failed authentication, is never reached here: quarkus-oidc answers with its own
 * challenge.) Known gap: a well-formed JWS whose signature does not verify
 * (tampered, {@code alg: none}) is still refused by quarkus-oidc's own challenge, a 401 without a body.
 */
@ApplicationScoped
public class AuthenticationProblemHandler {

    private static final String BODY;
    private static final String MALFORMED_BODY;
    /** A percent sign not followed by two hex digits (RFC 3986 pct-encoded). */
    private static final java.util.regex.Pattern MALFORMED_ESCAPE = java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})");
    /** A JWS in compact serialisation: three base64url parts (the signature may be empty only in forged tokens). */
    private static final java.util.regex.Pattern JWS =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    static {
        try {
            BODY = new ObjectMapper().writeValueAsString(Problem.of(401, "unauthorized", "Unauthorized",
                    "A valid bearer token is required", null, null));
            MALFORMED_BODY = new ObjectMapper().writeValueAsString(Problem.of(400, "invalid-request", "The request is malformed",
                    "The request's path or query has a malformed percent-escape", "path", "well-formed percent-encoding (RFC 3986)"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Path prefixes under {@code /api} that need no token (they must also have a {@code permit} HTTP permission),
     * e.g. auth-service's {@code /api/v1/.well-known/}.
     */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "register.security.public-paths")
    java.util.Optional<java.util.List<String>> publicPaths;

    /** Audience public API tokens must carry (named in the challenge of a refused token, never the token's own). */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "register.security.public-audience")
    String publicAudience;

    /** Audience service-to-service tokens must carry. */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "register.security.internal-audience")
    String internalAudience;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::requireBearer);
    }

    /**
     * A request to a protected path ({@code /api/...}, {@code /internal/...}) without a bearer token, or with one
     * that is not even a JWS in compact form, is answered here, before authentication (whose challenge for it would
     * have no body).
     */
    void requireBearer(RoutingContext ctx) {
        String target = ctx.request().uri();
        if (target != null && MALFORMED_ESCAPE.matcher(target).find()) {
            // Vert.x would answer 400 without a body when it decodes the query.
            ctx.response().setStatusCode(400).putHeader("Content-Type", Problem.MEDIA_TYPE).end(MALFORMED_BODY);
            return;
        }
        String path = ctx.normalizedPath();
        String authorization = ctx.request().getHeader("Authorization");
        boolean protectedPath = (path.startsWith("/api/") || path.startsWith("/internal/"))
                && publicPaths.map(prefixes -> prefixes.stream().noneMatch(path::startsWith)).orElse(true);
        if (protectedPath && (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || !JWS.matcher(authorization.substring(7).trim()).matches())) {
            unauthorized(ctx, authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? BearerChallenge.NO_TOKEN : BearerChallenge.invalid("The bearer token is not a JWT in compact form"));
            return;
        }
        if (protectedPath) {
            // Whoever refuses the token further on (quarkus-oidc's own challenge, the audience filter, a resource),
            // the 401 says why in RFC 6750 terms.
            String token = authorization.substring(7).trim();
            String audience = path.startsWith("/internal/") ? internalAudience : publicAudience;
            ctx.addHeadersEndHandler(ignored -> {
                if (ctx.response().getStatusCode() == 401) {
                    ctx.response().headers().set("WWW-Authenticate", BearerChallenge.forRefused(token, audience, java.time.Instant.now()  /* the token's expiry is checked against real time */));
                }
            });
        }
        ctx.next();
    }

    private static void unauthorized(RoutingContext ctx, String challenge) {
        ctx.response().setStatusCode(401)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("WWW-Authenticate", challenge)
                .end(BODY);
    }
}
