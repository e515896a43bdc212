package no.nb.bibliotekkortet.common.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
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
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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
 * Reads of membership-service never hold up a client's requests while it keeps calling: after 80 % of the cache time
 * a request is still answered from the cache and starts <em>one</em> read in the background (refresh ahead), whose
 * answer replaces the entry. Only a client not seen for the whole cache time (or never) waits for a read, and then its
 * concurrent requests share one read instead of each making its own (before, every request in flight when an entry
 * expired read membership-service at once: a library system's 16 connections stalled for 130–400 ms every 30 s in the
 * hot-path benchmark). Caffeine holds the entries (at most 10 000 clients) and runs each client's read once at a time.
 * <p>
 * When membership-service cannot be reached, a cached entry is used past its time and read again every 10 % of the
 * cache time (one warning per failed read); without one the client counts as unknown (fail closed: 403).
 * membership-service itself provides a higher-priority alternative that reads its own table directly.
 */
@ApplicationScoped
public class RemoteClientRegistry implements ClientRegistry {

    private static final Logger LOG = Logger.getLogger(RemoteClientRegistry.class);
    static final String PATH = "/internal/v1/clients/";

    /** Share of the cache time after which a request starts a background read of its client's entry. */
    static final double REFRESH_AHEAD = 0.8;

    /** Share of the cache time after which a failed read is tried again (meanwhile the entry is served as it is). */
    static final double RETRY_AFTER_FAILURE = 0.1;

    /** One answer of membership-service: the entry (empty: unknown client) and when it was read. */
    private record Cached(Optional<ClientEntry> entry, Instant readAt) {
    }

    private final String source;
    private final Duration ttl;
    private final Duration timeout;
    private final Instance<FileClientRegistry> file;
    private final Instance<OidcClient> oidcClient;
    private final ObjectMapper mapper;
    private final Config config;
    private final Clock clock;
    private final ExecutorService reads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "client-registry-read");
        t.setDaemon(true);
        return t;
    });
    private final LoadingCache<String, Cached> cache = Caffeine.newBuilder()
            .maximumSize(10_000)
            .executor(reads)
            .build(new CacheLoader<>() {
                @Override
                public Cached load(String clientId) throws IOException, InterruptedException {
                    return read(clientId);
                }

                @Override
                public Cached reload(String clientId, Cached old) throws InterruptedException {
                    return readAgain(clientId, old);
                }
            });
    /** Per client whose last read failed: when a read is due again (an entry is removed by the next good read). */
    private final Cache<String, Instant> retryAt = Caffeine.newBuilder().maximumSize(10_000).build();
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong failedReads = new AtomicLong();
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

    /**
     * The registry entry of {@code clientId}, empty when membership-service does not know it (or, without a cached
     * answer, cannot be reached: fail closed). Blocks only when no answer younger than the cache time is cached; see
     * the class comment for the refresh ahead.
     */
    @Override
    public Optional<ClientEntry> find(String clientId) {
        if (!remote()) {
            return file.get().find(clientId);
        }
        if (clientId == null || clientId.isBlank()) {
            return Optional.empty();
        }
        Cached cached;
        try {
            cached = cache.get(clientId); // absent: one read, which concurrent requests for the same client share
        } catch (RuntimeException e) {
            LOG.warnf("Client registry lookup failed (%s); treating the client as unknown", rootCause(e));
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        if (now.isBefore(refreshAt(cached))) {
            return cached.entry();
        }
        Instant due = retryAt.getIfPresent(clientId);
        if (due != null && now.isBefore(due)) {
            return cached.entry(); // the last read failed: served as it is until a read is due again
        }
        if (now.isBefore(cached.readAt().plus(ttl))) {
            cache.refresh(clientId); // in the background; Caffeine starts at most one per client
            return cached.entry();
        }
        try {
            // expired: wait for the one read all requests share; a read is bounded by the token's and the
            // request's timeouts, so twice the timeout and a second's slack
            return cache.refresh(clientId).get(2 * timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS).entry();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warnf("Client registry lookup failed (%s); using the cached entry", rootCause(e));
            return cached.entry();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cached.entry();
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
        Cached cached = cache.getIfPresent(clientId);
        return cached != null && Instant.now(clock).isBefore(refreshAt(cached)) ? Optional.of(cached.entry()) : Optional.empty();
    }

    /** Forgets every cached answer (tests, or after a known change). */
    public void clearCache() {
        cache.invalidateAll();
    }

    /** How many times this instance has read membership-service (diagnostics and tests). */
    public long fetches() {
        return fetches.get();
    }

    /** How many reads of a cached entry have failed (diagnostics and tests; counted once its retry time is set). */
    public long failedReads() {
        return failedReads.get();
    }

    /** Caffeine's loader: one read of membership-service, stamped with the time it was read. */
    private Cached read(String clientId) throws IOException, InterruptedException {
        fetches.incrementAndGet();
        Optional<ClientEntry> entry = fetch(clientId);
        retryAt.invalidate(clientId);
        return new Cached(entry, Instant.now(clock));
    }

    /**
     * Caffeine's reload of a cached answer. A failed read keeps the old answer (its read time unchanged, so it still
     * counts as expired after the cache time) and is logged in one line; the next read is due after
     * {@link #RETRY_AFTER_FAILURE} of the cache time, so requests neither wait for nor start a read of an unreachable
     * membership-service each time (and Caffeine never sees the failure, which it would log with a stack trace).
     */
    private Cached readAgain(String clientId, Cached old) throws InterruptedException {
        try {
            return read(clientId);
        } catch (IOException | RuntimeException e) {
            Instant due = Instant.now(clock).plusMillis((long) (ttl.toMillis() * RETRY_AFTER_FAILURE));
            retryAt.put(clientId, due);
            failedReads.incrementAndGet();
            LOG.warnf("Client registry read failed (%s); the cached entry is used and read again from %s",
                    rootCause(e), due);
            return old;
        }
    }

    /** When a request starts a background read of this answer: after {@link #REFRESH_AHEAD} of the cache time. */
    private Instant refreshAt(Cached cached) {
        return cached.readAt().plusMillis((long) (ttl.toMillis() * REFRESH_AHEAD));
    }

    /** The simple name of what failed under Caffeine's and the future's wrappers (logged; never a client id). */
    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
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
