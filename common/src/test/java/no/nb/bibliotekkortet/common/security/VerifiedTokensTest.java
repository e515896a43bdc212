package no.nb.bibliotekkortet.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache on its own, with a clock the test moves: an entry lives until the token's exp and no
 * longer, only the very same token string is ever served, refusals never enter it, and its size is bounded.
 * (The services' tests check the same against real tokens of the mock OIDC server: e.g. patron-service's
 * TokenCacheTest.)
 */
class VerifiedTokensTest {

    private static final long EXP = 2_000_000_000L;

    /** A clock the test sets. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.ofEpochSecond(EXP - 60);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final VerifiedTokens tokens = new VerifiedTokens(100, clock);

    @Test
    void servesTheSameTokenUntilItsExpAndNeverAfter() {
        String token = token("a");
        tokens.remember(token, identity(token, EXP));
        assertTrue(tokens.find(token).isPresent());
        assertEquals("maskinporten", tokens.find(token).get().tenantId());

        clock.now = Instant.ofEpochSecond(EXP - 1);
        assertTrue(tokens.find(token).isPresent(), "one second before exp");
        clock.now = Instant.ofEpochSecond(EXP);
        assertTrue(tokens.find(token).isEmpty(), "at exp the token is no longer served");
        clock.now = Instant.ofEpochSecond(EXP - 30);
        assertTrue(tokens.find(token).isEmpty(), "an expired entry is dropped, not kept for a clock moved back");
    }

    @Test
    void aTokenDifferingInOneByteIsNeverServed() {
        String token = token("a");
        tokens.remember(token, identity(token, EXP));
        for (int i = 0; i < token.length(); i++) {
            char[] chars = token.toCharArray();
            chars[i] = chars[i] == 'x' ? 'y' : 'x';
            assertTrue(tokens.find(new String(chars)).isEmpty(), "byte " + i);
        }
        assertTrue(tokens.find(token + "x").isEmpty());
        assertTrue(tokens.find(token.substring(0, token.length() - 1)).isEmpty());
        assertTrue(tokens.find(token).isPresent());
    }

    @Test
    void notStoredWhenAlreadyExpiredWithoutExpOrForAnotherToken() {
        String expired = token("expired");
        tokens.remember(expired, identity(expired, EXP - 60));
        String noExp = token("no-exp");
        tokens.remember(noExp, identity(noExp, 0));
        String other = token("other");
        tokens.remember(other, identity(token("not-other"), EXP));
        tokens.remember(token("anonymous"), QuarkusSecurityIdentity.builder().setAnonymous(true).build());
        assertEquals(0, tokens.size());
    }

    @Test
    void storedWithoutTheRequestAndServedWithTheCurrentOne() {
        String token = token("a");
        SecurityIdentity verified = QuarkusSecurityIdentity.builder(identity(token, EXP))
                .addAttribute(RoutingContext.class.getName(), "first request").build();
        tokens.remember(token, verified);
        VerifiedTokens.Verified entry = tokens.find(token).orElseThrow();
        assertNull(entry.identity().getAttribute(RoutingContext.class.getName()));
        assertTrue(entry.identity().getRoles().isEmpty());

        SecurityIdentity served = VerifiedTokens.forRequest(entry, null, null);
        assertSame(verified.getPrincipal(), served.getPrincipal());
        assertEquals(Boolean.TRUE, served.getAttribute(VerifiedTokens.FROM_CACHE_ATTRIBUTE));
        assertEquals("maskinporten", served.getAttribute("tenant-id"));
    }

    @Test
    void boundedInSizeAndOffAtZero() {
        VerifiedTokens small = new VerifiedTokens(10, clock);
        for (int i = 0; i < 200; i++) {
            String token = token("t" + i);
            small.remember(token, identity(token, EXP));
        }
        small.cleanUp();
        assertTrue(small.size() <= 10, "size " + small.size());

        VerifiedTokens off = new VerifiedTokens(0, clock);
        String token = token("a");
        off.remember(token, identity(token, EXP));
        assertFalse(off.enabled());
        assertTrue(off.find(token).isEmpty());
    }

    @Test
    void bearerHeaderParsing() {
        assertEquals("abc", CachedTokenTenantResolver.bearerToken("Bearer abc"));
        assertEquals("abc", CachedTokenTenantResolver.bearerToken("bearer abc"));
        assertNull(CachedTokenTenantResolver.bearerToken("Basic abc"));
        assertNull(CachedTokenTenantResolver.bearerToken("Bearer "));
        assertNull(CachedTokenTenantResolver.bearerToken(null));
    }

    /** A JWT-shaped string (the cache never parses it: that is quarkus-oidc's work). */
    private static String token(String id) {
        return "eyJhbGciOiJSUzI1NiJ9." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"jti\":\"" + id + "\"}").getBytes()) + ".c2lnbmF0dXJl";
    }

    /** The identity quarkus-oidc would build: a JWT principal with {@code exp} (0: none), credential and tenant id. */
    private static SecurityIdentity identity(String token, long exp) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("client_id", "library-system-2030000");
        if (exp > 0) {
            claims.setClaim("exp", exp);
        }
        claims.setClaim("raw_token", token);
        AccessTokenCredential credential = new AccessTokenCredential(token);
        return QuarkusSecurityIdentity.builder().setPrincipal(new OidcJwtCallerPrincipal(claims, credential))
                .addCredential(credential).addAttribute("tenant-id", "maskinporten").build();
    }
}
