package no.nb.bibliotekkortet.selfservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The public API (through the gateway) called with the logged-in citizen's ID-porten access token. The token
 * stays on the server (in the encrypted session cookie quarkus-oidc keeps); the browser never sees it.
 * Every non-2xx answer becomes an {@link ApiException} that pages turn into a plain-language message.
 * Logs carry method, path (never containing an identity number) and status only.
 */
@ApplicationScoped
public class Api {

    private static final Logger LOG = Logger.getLogger(Api.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    ObjectMapper json;

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "selfservice.api-url")
    String apiUrl;

    @ConfigProperty(name = "selfservice.api-timeout")
    Duration timeout;

    /** GET path → JSON body (200); {@link ApiException} otherwise. */
    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** POST path with a JSON body → the answer's JSON (or a missing node when empty). */
    public JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    public JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    public JsonNode patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    /** The PNG barcode of the citizen's card, from {@code GET /api/v1/me/card} (base64 in {@code barcode.png}). */
    public byte[] cardPng() {
        return Base64.getDecoder().decode(get("/api/v1/me/card").path("barcode").path("png").asText());
    }

    private JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + path)).timeout(timeout)
                .header("Accept", "application/json");
        String token = accessToken();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<byte[]> response = http.send(request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            JsonNode answer = response.body().length == 0 ? MissingNode.getInstance() : json.readTree(response.body());
            if (status >= 200 && status < 300) {
                return answer;
            }
            // Problem type, field and rule name what went wrong without personal data (never the detail or values).
            LOG.infof("API %s %s answered %d (%s, field %s, rule %s)", method, path, status, answer.path("type").asText(""),
                    answer.path("field").asText("-"), answer.path("rule").asText("-"));
            throw new ApiException(status, answer);
        } catch (IOException e) {
            LOG.warnf("API %s %s failed: %s", method, path, e.getClass().getSimpleName());
            throw new ApiException(503, MissingNode.getInstance());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, MissingNode.getInstance());
        }
    }

    private String accessToken() {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        return credential == null ? null : credential.getToken();
    }

    /** A non-2xx answer of the API: its status and problem document (type, field, detail), never shown raw. */
    public static final class ApiException extends RuntimeException {
        public final int status;
        public final JsonNode problem;

        ApiException(int status, JsonNode problem) {
            super("API answered " + status, null, false, false);
            this.status = status;
            this.problem = problem;
        }

        /** The last path segment of the problem's {@code type} ("not-registered"), or "" when there is none. */
        public String slug() {
            String type = problem.path("type").asText("");
            return type.substring(type.lastIndexOf('/') + 1);
        }

        /** The field the problem names (the API's {@code field} or first {@code errors[].field}), or null. */
        public String field() {
            if (problem.hasNonNull("field")) {
                return problem.get("field").asText();
            }
            JsonNode errors = problem.path("errors");
            return errors.isArray() && errors.size() > 0 ? errors.get(0).path("field").asText(null) : null;
        }
    }
}
