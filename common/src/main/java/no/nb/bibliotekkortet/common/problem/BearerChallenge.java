package no.nb.bibliotekkortet.common.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The {@code WWW-Authenticate} challenge of a 401 (RFC 6750 section 3): {@code Bearer realm="bibliotekkortet"} when no
 * bearer token was sent, else {@code Bearer realm="bibliotekkortet", error="invalid_token", error_description="..."}
 * saying why in words a client developer can act on: expired, not issued for this API (naming the audience this API
 * expects), or not verifiable (signature, issuer). The description is chosen from the token's unverified claims but
 * never repeats any of them (no client id, subject or audience of the token is echoed).
 */
public final class BearerChallenge {

    /** The challenge when the request carries no bearer token (RFC 6750: no error code then). */
    public static final String NO_TOKEN = "Bearer realm=\"bibliotekkortet\"";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BearerChallenge() {
    }

    /** An {@code invalid_token} challenge with this description (plain text without quotes or backslashes). */
    public static String invalid(String description) {
        return "Bearer realm=\"bibliotekkortet\", error=\"invalid_token\", error_description=\""
                + description.replace("\\", "").replace("\"", "'") + "\"";
    }

    /**
     * The challenge for a JWS the register refused.
     *
     * @param token            the compact JWS as sent
     * @param expectedAudience the audience this path requires (RFC 8707 resource of the token request)
     * @param now              the current time, to tell an expired token
     */
    public static String forRefused(String token, String expectedAudience, Instant now) {
        JsonNode claims = claims(token);
        if (claims != null) {
            JsonNode exp = claims.path("exp");
            if (exp.canConvertToLong() && exp.asLong() <= now.getEpochSecond()) {
                return invalid("The token has expired; request a new one");
            }
            JsonNode aud = claims.path("aud");
            boolean hasAudience = aud.isTextual() ? aud.asText().equals(expectedAudience)
                    : aud.isArray() && java.util.stream.StreamSupport.stream(aud.spliterator(), false)
                            .anyMatch(a -> expectedAudience.equals(a.asText()));
            if (!hasAudience) {
                return invalid("The token was not issued for this API: its audience must include " + expectedAudience
                        + " (request it with resource=" + expectedAudience + ")");
            }
        }
        return invalid("The token could not be verified (signature, issuer or claims); request a new one from the issuer");
    }

    private static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return node != null && node.isObject() ? node : null;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }
}
