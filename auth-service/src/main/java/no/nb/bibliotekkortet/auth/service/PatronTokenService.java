package no.nb.bibliotekkortet.auth.service;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.auth.config.AuthConfig;

/**
 * Signs auth-service's patron tokens (R16, R17) with smallrye-jwt-build, RS256, and publishes the key set
 * and the OpenID configuration. Claims: {@code iss} (configured issuer), {@code sub} (opaque patron id),
 * {@code aud} (public API audience), {@code acr} (achieved level, {@code nlsso-loa-low|substantial}),
 * {@code jti} (random UUID), {@code iat}, {@code exp} (≤ 15 minutes later), {@code client_id} (the
 * first-party client that logged the patron in). Header {@code kid} names the key.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class PatronTokenService {

    /** A signed token and its lifetime in seconds. */
    public record IssuedToken(String token, long expiresIn, String keyId) {
    }

    private static final Duration MAX_LIFETIME = Duration.ofMinutes(15);

    private final Clock clock;
    private final AuthConfig.Tokens config;
    private final SigningKeys keys;

    public PatronTokenService(Clock clock, AuthConfig config) {
        this.clock = clock;
        this.config = config.tokens();
        if (this.config.lifetime().isNegative() || this.config.lifetime().isZero()
                || this.config.lifetime().compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("auth.tokens.lifetime must be > 0 and at most 15 minutes");
        }
        Map<String, Map.Entry<String, Instant>> encoded = new LinkedHashMap<>();
        this.config.keys().forEach((kid, k) -> encoded.put(kid, new AbstractMap.SimpleEntry<>(k.privateKey(),
                k.signsFrom())));
        this.keys = new SigningKeys(encoded);
    }

    /**
     * Signs a token for a patron who has just logged in.
     *
     * @param patronId opaque patron id ({@code sub})
     * @param level    the level the login achieved ({@code acr})
     * @param clientId the first-party client that logged the patron in
     * @return the compact JWS, its lifetime in seconds and the key id that signed it
     */
    public IssuedToken issue(String patronId, SecurityLevel level, String clientId) {
        Instant now = clock.instant();
        SigningKeys.Key key = keys.signingAt(now);
        String token = Jwt.issuer(config.issuer())
                .subject(patronId)
                .audience(config.audience())
                .claim("acr", level.code())
                .claim("jti", UUID.randomUUID().toString())
                .claim("client_id", clientId)
                .issuedAt(now.getEpochSecond())
                .expiresAt(now.plus(config.lifetime()).getEpochSecond())
                .jws().keyId(key.keyId()).algorithm(SignatureAlgorithm.RS256)
                .sign(key.privateKey());
        return new IssuedToken(token, config.lifetime().toSeconds(), key.keyId());
    }

    /** The JWKS document: {@code {"keys": [public JWK, …]}} of every configured key. */
    public Map<String, Object> jwks() {
        List<Map<String, String>> list = keys.all().stream().map(SigningKeys.Key::publicJwk).toList();
        return Map.of("keys", list);
    }

    /** The OpenID Provider metadata: issuer, jwks_uri and the supported values (signing only, no flows here). */
    public Map<String, Object> openIdConfiguration() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", config.issuer());
        doc.put("jwks_uri", config.issuer() + "/.well-known/jwks.json");
        doc.put("response_types_supported", List.of("token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("acr_values_supported", List.of(SecurityLevel.LOW.code(), SecurityLevel.SUBSTANTIAL.code()));
        doc.put("claims_supported", List.of("iss", "sub", "aud", "acr", "jti", "iat", "exp", "client_id"));
        return doc;
    }
}
