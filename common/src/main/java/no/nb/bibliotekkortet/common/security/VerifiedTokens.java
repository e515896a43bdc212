package no.nb.bibliotekkortet.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens this service has already verified, so that a client calling with the same token again does not pay
 * a second signature verification and JSON parse (quarkus-oidc's work) per request.
 *
 * <ul>
 *   <li>Key: the SHA-256 digest of the whole token string; a hit is also compared with the cached token itself, so a
 *       token that differs in any byte (payload, header or signature) is never served from here, and quarkus-oidc
 *       verifies it in full.</li>
 *   <li>Value: the identity quarkus-oidc built for the token (principal, credential, tenant id, before any augmentor:
 *       roles and the client registry entry are still given per request by {@link PermissionAugmentor}), without the
 *       per-request attributes (routing context), until the token's {@code exp}.</li>
 *   <li>Life: an entry is served only while the service's clock (and the system clock, which quarkus-oidc reads) is
 *       before the token's {@code exp} (seconds), checked at every hit; it is never extended. Past it the entry is dropped and quarkus-oidc decides, as without a cache
 *       (with the real clock: so it refuses an expired token).</li>
 *   <li>Size: at most {@code register.security.token-cache.max-size} entries (default 10 000; 0 turns the cache off),
 *       evicted by Caffeine's size policy. Metrics: {@code cache_gets_total{cache="verified-tokens",result}},
 *       {@code cache_evictions_total}, {@code cache_size}.</li>
 * </ul>
 * Only what quarkus-oidc accepted is ever stored ({@link VerifiedTokenRecorder}); refusals are never cached, so every
 * refusal (expired, tampered, wrong issuer or audience, unknown key) is decided by quarkus-oidc as before.
 */
@ApplicationScoped
public class VerifiedTokens {

    /** Identity attribute marking an identity served from this cache (so that it is not stored again). */
    public static final String FROM_CACHE_ATTRIBUTE = VerifiedTokens.class.getName() + ".hit";
    /** Routing context key under which the tenant resolver leaves the entry it found for the provider. */
    static final String ROUTING_CONTEXT_KEY = VerifiedTokens.class.getName();
    /** Identity attribute set by quarkus-oidc: the id of the tenant that verified the token. */
    static final String TENANT_ID_ATTRIBUTE = "tenant-id";

    /** A verified token: its identity (no per-request attributes), tenant id and {@code exp} in epoch seconds. */
    public record Verified(String token, SecurityIdentity identity, String tenantId, long expiresAt) {
    }

    /** SHA-256 of a token as four longs (cheap equals and hash code). */
    record Digest(long a, long b, long c, long d) {
        static Digest of(String token) {
            try {
                byte[] bytes = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                return new Digest(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JVM", e);
            }
        }
    }

    private final Clock clock;
    private final Cache<Digest, Verified> cache;
    private final java.util.concurrent.atomic.LongAdder served = new java.util.concurrent.atomic.LongAdder();

    @Inject
    public VerifiedTokens(@ConfigProperty(name = "register.security.token-cache.max-size", defaultValue = "10000") long maxSize,
                          Clock clock, Instance<MeterRegistry> registry) {
        this(maxSize, clock);
        if (cache != null && registry.isResolvable()) {
            CaffeineCacheMetrics.monitor(registry.get(), cache, "verified-tokens");
        }
    }

    /** For plain tests: a cache of at most {@code maxSize} tokens (0: off) judged by {@code clock}. */
    public VerifiedTokens(long maxSize, Clock clock) {
        this.clock = clock;
        this.cache = maxSize <= 0 ? null : Caffeine.newBuilder().maximumSize(maxSize).recordStats().build();
    }

    /** False when {@code register.security.token-cache.max-size} is 0. */
    public boolean enabled() {
        return cache != null;
    }

    /**
     * The verified entry of exactly this token, while the clock is before its {@code exp}; empty otherwise (unknown,
     * expired: then also dropped).
     */
    public Optional<Verified> find(String token) {
        if (cache == null || token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Digest key = Digest.of(token);
        Verified found = cache.getIfPresent(key);
        if (found == null) {
            return Optional.empty();
        }
        if (!stillValid(found)) {
            cache.invalidate(key);
            return Optional.empty();
        }
        return found.token().equals(token) ? Optional.of(found) : Optional.empty();
    }

    /**
     * True while both the service's clock and the system clock (quarkus-oidc's) are before the entry's {@code exp}
     * (epoch seconds): a clock moved back in tests never lets a token outlive its real expiry.
     */
    boolean stillValid(Verified verified) {
        return nowEpochSecond() < verified.expiresAt();
    }

    private long nowEpochSecond() {
        return Math.max(clock.instant().getEpochSecond(), System.currentTimeMillis() / 1000);
    }

    /**
     * Stores the identity quarkus-oidc built for {@code token}, unless the token has no {@code exp}, is already past
     * it, or the identity is not a JWT's. Per-request attributes (routing context, request context) are left out.
     */
    public void remember(String token, SecurityIdentity identity) {
        if (cache == null || token == null || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || !token.equals(jwt.getRawToken())) {
            return;
        }
        long expiresAt = jwt.getExpirationTime();
        Object tenant = identity.getAttribute(TENANT_ID_ATTRIBUTE);
        if (expiresAt <= 0 || tenant == null || nowEpochSecond() >= expiresAt) {
            return;
        }
        java.util.Map<String, Object> attributes = new java.util.HashMap<>(identity.getAttributes());
        attributes.remove(RoutingContext.class.getName());
        attributes.remove(AuthenticationRequestContext.class.getName());
        SecurityIdentity kept = copy(identity, attributes).build();
        cache.put(Digest.of(token), new Verified(token, kept, tenant.toString(), expiresAt));
    }

    /**
     * A cached identity for one request: the same principal, credentials, roles and attributes, with this request's
     * routing context and authentication context, marked {@link #FROM_CACHE_ATTRIBUTE}.
     */
    SecurityIdentity serve(Verified verified, RoutingContext routingContext, AuthenticationRequestContext context) {
        served.increment();
        return forRequest(verified, routingContext, context);
    }

    /** The identity of {@link #serve} without counting it. */
    static SecurityIdentity forRequest(Verified verified, RoutingContext routingContext, AuthenticationRequestContext context) {
        return copy(verified.identity(), verified.identity().getAttributes())
                .addAttribute(RoutingContext.class.getName(), routingContext)
                .addAttribute(AuthenticationRequestContext.class.getName(), context)
                .addAttribute(FROM_CACHE_ATTRIBUTE, Boolean.TRUE)
                .build();
    }

    /**
     * A fresh builder with the principal, credentials, roles, possessed permissions and these attributes of
     * {@code identity} (not {@code QuarkusSecurityIdentity.builder(identity)}, which would keep the original identity,
     * with its request, reachable through a permission checker).
     */
    private static QuarkusSecurityIdentity.Builder copy(SecurityIdentity identity, java.util.Map<String, Object> attributes) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addRoles(identity.getRoles())
                .addAttributes(attributes);
        if (identity instanceof QuarkusSecurityIdentity quarkus) {
            builder.addPermissions(quarkus.getPermissions());
        }
        return builder;
    }

    /** How many requests were authenticated from this cache (instead of by quarkus-oidc) since start. */
    public long servedCount() {
        return served.sum();
    }

    /** Number of entries (approximate), for tests. */
    public long size() {
        return cache == null ? 0 : cache.estimatedSize();
    }

    /** Runs pending evictions now (tests). */
    void cleanUp() {
        if (cache != null) {
            cache.cleanUp();
        }
    }

    /** Forgets every token (tests, or a key rotation). */
    public void clear() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }
}
