package no.nb.bibliotekkortet.common.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The {@link ClientRegistry} of every service, choosing its source at run time from
 * {@code register.client-registry.source}:
 * <ul>
 *   <li>{@code file} (default): delegates to {@link FileClientRegistry} (the committed seed file), so
 *       modules and tests that do not opt in behave exactly as before;</li>
 *   <li>{@code membership}: reads membership-service's table through {@code GET
 *       /internal/v1/clients/{clientId}} at {@code register.services.membership-service.url}, with the
 *       service's own token (OIDC client credentials, scope internal, internal audience), and caches each
 *       answer (entry or "unknown") for {@code register.client-registry.cache-ttl} (default 30 s). A change
 *       in the registry (e.g. a deactivation) is therefore seen within that time.</li>
 * </ul>
 * When membership-service cannot be reached, a cached entry is used past its time; without one the
 * client counts as unknown (fail closed: 403). membership-service itself provides a higher-priority
 * alternative that reads its own table directly.
 */
@ApplicationScoped
public class RemoteClientRegistry implements ClientRegistry {

    private static final Logger LOG = Logger.getLogger(RemoteClientRegistry.class);
    static final String PATH = "/internal/v1/clients/";

    private record Cached(Optional<ClientEntry> entry, Instant expires) {
    }

    private final String source;
    private final Duration ttl;
    private final Duration timeout;
    private final Instance<FileClientRegistry> file;
    private final Instance<OidcClient> oidcClient;
    private final ObjectMapper mapper;
    private final Config config;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile HttpClient http;
    private volatile Tokens tokens;

    public RemoteClientRegistry(@ConfigProperty(name = "register.client-registry.source", defaultValue = "file") String source,
                                @ConfigProperty(name = "register.client-registry.cache-ttl", defaultValue = "PT30S") Duration ttl,
                                @ConfigProperty(name = "register.client-registry.timeout", defaultValue = "PT2S") Duration timeout,
                                Instance<FileClientRegistry> file, Instance<OidcClient> oidcClient, ObjectMapper mapper,
                                Config config, Clock clock) {
        this.source = source;
        this.ttl = ttl;
        this.timeout = timeout;
        this.file = file;
        this.oidcClient = oidcClient;
        this.mapper = mapper;
        this.config = config;
        this.clock = clock;
    }

    /** True when entries come from membership-service rather than the file. */
    public boolean remote() {
        return "membership".equals(source);
    }

    @Override
    public Optional<ClientEntry> find(String clientId) {
        if (!remote()) {
            return file.get().find(clientId);
        }
        if (clientId == null || clientId.isBlank()) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        Cached cached = cache.get(clientId);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.entry();
        }
        try {
            Optional<ClientEntry> entry = fetch(clientId);
            cache.put(clientId, new Cached(entry, now.plus(ttl)));
            return entry;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Client registry lookup failed (%s); %s", e.getClass().getSimpleName(),
                    cached != null ? "using the cached entry" : "treating the client as unknown");
            return cached != null ? cached.entry() : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cached != null ? cached.entry() : Optional.empty();
        }
    }

    /** The file's answer, or membership-service's while it is cached and fresh; else empty. */
    @Override
    public Optional<Optional<ClientEntry>> findInMemory(String clientId) {
        if (!remote()) {
            return file.get().findInMemory(clientId);
        }
        if (clientId == null || clientId.isBlank()) {
            return Optional.of(Optional.empty());
        }
        Cached cached = cache.get(clientId);
        return cached != null && Instant.now(clock).isBefore(cached.expires()) ? Optional.of(cached.entry()) : Optional.empty();
    }

    /** Forgets every cached answer (tests, or after a known change). */
    public void clearCache() {
        cache.clear();
    }

    private Optional<ClientEntry> fetch(String clientId) throws IOException, InterruptedException {
        String base = config.getOptionalValue("register.services.membership-service.url", String.class)
                .orElseThrow(() -> new IllegalStateException("register.services.membership-service.url is not set"));
        HttpRequest request = no.nb.bibliotekkortet.common.observability.TraceContext.propagate(
                        HttpRequest.newBuilder(URI.create(base + PATH + URLEncoder.encode(clientId, StandardCharsets.UTF_8))))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + accessToken())
                .GET()
                .build();
        HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        var node = mapper.readTree(response.body());
        java.util.Set<String> libraries = new java.util.HashSet<>();
        node.path("libraryNumbers").forEach(n -> libraries.add(n.asText()));
        return Optional.of(new ClientEntry(node.path("clientId").asText(), ClientKind.valueOf(node.path("kind").asText()),
                node.path("name").asText(null), libraries,
                node.hasNonNull("partnerId") ? node.get("partnerId").asText() : null, node.path("active").asBoolean(false)));
    }

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            c = HttpClient.newBuilder().connectTimeout(timeout).build();
            http = c;
        }
        return c;
    }

    private String accessToken() {
        Tokens current = tokens;
        if (current == null || current.isAccessTokenExpired() || current.isAccessTokenWithinRefreshInterval()) {
            current = oidcClient.get().getTokens().await().atMost(timeout);
            tokens = current;
        }
        return current.getAccessToken();
    }
}
