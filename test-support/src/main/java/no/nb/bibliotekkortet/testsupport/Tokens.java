package no.nb.bibliotekkortet.testsupport;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Real bearer tokens from the running mock OAuth2 server (client credentials for the clients outside the register,
 * Maskinporten's JWT grant for the services themselves), and deliberately broken variants for the 401 cases.
 */
public final class Tokens {

    public static final String PUBLIC_AUDIENCE = "https://api.bibliotekkortet.no";
    public static final String INTERNAL_AUDIENCE = "https://internal.bibliotekkortet.no";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {
    }

    /** A Maskinporten token for {@code clientId} with scopes {@code bibliotekkortet:<s>} for each s, public audience. */
    public static String maskinporten(String clientId, String... scopes) {
        return token("maskinporten", clientId, scopes, PUBLIC_AUDIENCE, Map.of());
    }

    /**
     * A service-to-service token (scope {@code bibliotekkortet:internal}, internal audience) obtained as the services
     * obtain theirs: Maskinporten's JWT grant with an assertion naming {@code clientId} (the mock server does not
     * check the assertion's signature; docs/security.md, "Service to service").
     */
    public static String internal(String clientId) {
        long now = System.currentTimeMillis() / 1000;
        ObjectNode claims = JSON.createObjectNode().put("iss", clientId).put("sub", clientId).put("client_id", clientId)
                .put("aud", MockOAuth2Server.get().issuer("maskinporten")).put("scope", "bibliotekkortet:internal")
                .put("resource", INTERNAL_AUDIENCE).put("iat", now).put("exp", now + 60)
                .put("jti", java.util.UUID.randomUUID().toString());
        return given().formParam("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                .formParam("assertion", LocalAssertions.sign(claims)).formParam("client_id", clientId)
                .post(MockOAuth2Server.get().issuer("maskinporten") + "/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /**
     * What a service would get with the old client-credentials grant and a shared secret: the local suite's
     * Maskinporten refuses it for the internal scope (a token whose audience no service accepts).
     */
    public static String internalWithClientSecret(String clientId) {
        return token("maskinporten", clientId, new String[] {"internal"}, INTERNAL_AUDIENCE, Map.of());
    }

    /**
     * A token with the internal audience but other scopes than {@code internal} (e.g. a library system that
     * asked for the internal audience): the 403 case of internal endpoints.
     */
    public static String internalAudience(String clientId, String... scopes) {
        return token("maskinporten", clientId, scopes, INTERNAL_AUDIENCE, Map.of());
    }

    /** A Maskinporten token for another audience than this API's. */
    public static String wrongAudience(String clientId, String... scopes) {
        return token("maskinporten", clientId, scopes, "https://someone-else.example", Map.of());
    }

    /** A token signed by the mock server's real key, with the right issuer, whose {@code exp} is in 2001. */
    public static String expired(String clientId, String... scopes) {
        return token("maskinporten", clientId, scopes, PUBLIC_AUDIENCE, Map.of("test_expired", "true"));
    }

    /**
     * An expired service-to-service token (scope {@code internal}, internal audience), so that an internal endpoint
     * refusing it refuses it for its expiry, not for its audience.
     */
    public static String expiredInternal(String clientId) {
        return token("maskinporten", clientId, new String[] {"internal"}, INTERNAL_AUDIENCE, Map.of("test_expired", "true"));
    }

    /** A validly signed token from an issuer no service trusts ({@code <mock>/unknown}). */
    public static String unknownIssuer(String clientId, String... scopes) {
        return token("unknown", clientId, scopes, PUBLIC_AUDIENCE, Map.of());
    }

    /**
     * An ID-porten token of a citizen: {@code pid} = identity number, {@code acr} =
     * {@code idporten-loa-substantial} or {@code idporten-loa-high}, public audience.
     */
    public static String idporten(String identityNumber, String acr) {
        return token("idporten", "selfservice-web", new String[0], PUBLIC_AUDIENCE,
                Map.of("pid", identityNumber, "acr", acr));
    }

    /**
     * A patron token shaped like auth-service's (issuer: the mock's {@code patron-test} stand-in):
     * {@code sub} = opaque patron id, {@code acr} = {@code nlsso-loa-low} or {@code nlsso-loa-substantial}.
     */
    public static String patron(String patronId, String acr) {
        return token("patron-test", "selfservice-web", new String[0], PUBLIC_AUDIENCE,
                Map.of("patron_id", patronId, "acr", acr));
    }

    /** A patron token (the {@code patron-test} stand-in for auth-service's issuer) whose {@code exp} is in 2001. */
    public static String expiredPatron(String patronId, String acr) {
        return token("patron-test", "selfservice-web", new String[0], PUBLIC_AUDIENCE,
                Map.of("patron_id", patronId, "acr", acr, "test_expired", "true"));
    }

    /** A patron token for another audience than the public API's (e.g. the internal one). */
    public static String patronForAudience(String patronId, String acr, String audience) {
        return token("patron-test", "selfservice-web", new String[0], audience, Map.of("patron_id", patronId, "acr", acr));
    }

    /** The same token with one claim changed in the payload and the original signature kept. */
    public static String tampered(String token, String claim, Object value) {
        String[] parts = token.split("\\.");
        try {
            ObjectNode payload = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            payload.putPOJO(claim, value);
            String body = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(JSON.writeValueAsBytes(payload));
            return parts[0] + "." + body + "." + parts[2];
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims with header {@code {"alg":"none"}} and an empty signature. */
    public static String algNone(String token) {
        String[] parts = token.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }

    private static String token(String issuerId, String clientId, String[] scopes, String audience,
                                Map<String, String> extra) {
        StringBuilder scope = new StringBuilder();
        for (String s : scopes) {
            if (!scope.isEmpty()) {
                scope.append(' ');
            }
            scope.append("bibliotekkortet:").append(s);
        }
        var request = given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", "local-only")
                .formParam("resource", audience);
        if (!scope.isEmpty()) {
            request.formParam("scope", scope.toString());
        }
        extra.forEach(request::formParam);
        return request.post(MockOAuth2Server.get().issuer(issuerId) + "/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }
}
