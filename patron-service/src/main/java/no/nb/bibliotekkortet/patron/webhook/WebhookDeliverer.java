package no.nb.bibliotekkortet.patron.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import no.nb.bibliotekkortet.common.time.Backoff;
import no.nb.bibliotekkortet.patron.domain.WebhookAddresses;
import no.nb.bibliotekkortet.patron.domain.WebhookSignatures;
import no.nb.bibliotekkortet.patron.repository.WebhookRepository;
import no.nb.bibliotekkortet.patron.service.ChangeFeed;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delivers queued webhook deliveries (R15, push). Each library's deliveries go out one at a time in feed
 * order (transaction id, change id), only once their transaction is older than every running one (as the feed
 * serves them), so a receiver sees changes in the feed's order. Body: the change exactly as the feed serves it to
 * that library now ({@link ChangeFeed#one}); headers {@code Bibliotekkortet-Change-Id}, {@code
 * Bibliotekkortet-Timestamp} and {@code Bibliotekkortet-Signature} ({@link WebhookSignatures}).
 *
 * <p>SSRF: before every attempt the URL's host is resolved, every address checked ({@link WebhookAddresses}),
 * and the connection goes to the checked address (the name is not resolved again; TLS SNI and host-name
 * verification still use the name). Redirects are not followed.
 *
 * <p>A 2xx answer deletes the delivery. Anything else keeps it: the next attempt after an exponential backoff
 * ({@code register.webhooks.backoff-initial}, doubling up to {@code backoff-max}) with ±20 % jitter, and the
 * library's later deliveries wait behind it (order). A delivery that keeps failing is retried at the maximum
 * interval until its first failure is {@code register.webhooks.suspend-after} (default 3 days) old; then the
 * webhook is suspended: the queue is dropped and nothing more is queued until the library registers the webhook
 * again (the feed stays the source of truth, so nothing is lost for a library that catches up from its cursor).
 * A library is handled by one replica at a time ({@code FOR UPDATE SKIP LOCKED} on its webhook row).
 * Metrics: {@code webhook_deliveries_pending}, {@code webhook_deliveries_oldest_age_seconds},
 * {@code webhook_deliveries_total{outcome=delivered|failed}}, {@code webhook_suspensions_total}, and the histogram
 * {@code webhook_delivery_lag_seconds} (from the change being queued to its delivery); all registered at start.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class WebhookDeliverer {

    private static final Logger LOG = Logger.getLogger(WebhookDeliverer.class);

    private final WebhookRepository queue;
    private final ChangeFeed feed;
    private final WebhookService webhooks;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final boolean allowPrivate;
    private final Backoff backoff;
    private final Duration requestTimeout;
    private final int batchSize;
    private final Duration suspendAfter;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final Counter delivered;
    private final Counter failed;
    private final Counter suspensions;
    private final io.micrometer.core.instrument.Timer lag;

    public WebhookDeliverer(WebhookRepository queue, ChangeFeed feed, WebhookService webhooks, ObjectMapper json, Clock clock,
                            Vertx vertx, MeterRegistry meters,
                            @ConfigProperty(name = "register.webhooks.allow-private-addresses", defaultValue = "false")
                            boolean allowPrivate,
                            @ConfigProperty(name = "register.webhooks.backoff-initial", defaultValue = "PT5S") Duration backoffInitial,
                            @ConfigProperty(name = "register.webhooks.backoff-max", defaultValue = "PT15M") Duration backoffMax,
                            @ConfigProperty(name = "register.webhooks.request-timeout", defaultValue = "PT5S") Duration requestTimeout,
                            @ConfigProperty(name = "register.webhooks.batch-size", defaultValue = "100") int batchSize,
                            @ConfigProperty(name = "register.webhooks.suspend-after", defaultValue = "P3D") Duration suspendAfter) {
        this.queue = queue;
        this.feed = feed;
        this.webhooks = webhooks;
        this.json = json;
        this.clock = clock;
        this.allowPrivate = allowPrivate;
        this.backoff = new Backoff(backoffInitial, backoffMax);
        this.requestTimeout = requestTimeout;
        this.batchSize = batchSize;
        this.suspendAfter = suspendAfter;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) requestTimeout.toMillis())
                .setForceSni(true)
                .setVerifyHost(true)
                .setKeepAlive(false));
        Gauge.builder("webhook.deliveries.pending", pending, AtomicLong::get)
                .description("Webhook deliveries not yet delivered (all libraries)").register(meters);
        Gauge.builder("webhook.deliveries.oldest.age.seconds", oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest undelivered webhook delivery").register(meters);
        this.delivered = Counter.builder("webhook.deliveries").tag("outcome", "delivered").register(meters);
        this.failed = Counter.builder("webhook.deliveries").tag("outcome", "failed").register(meters);
        this.suspensions = Counter.builder("webhook.suspensions")
                .description("Webhooks suspended after failing without a break for register.webhooks.suspend-after")
                .register(meters);
        this.lag = io.micrometer.core.instrument.Timer.builder("webhook.delivery.lag")
                .description("From the change being queued for a webhook to its delivery")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(1)).register(meters);
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Runs every {@code register.webhooks.poll-interval} (default 1 s); skipped while a run is still going. */
    @Scheduled(every = "${register.webhooks.poll-interval:1s}", delayed = "${register.webhooks.initial-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warnf("Webhook delivery run failed: %s", e.getClass().getSimpleName());
        }
    }

    /**
     * Delivers what is due now for every library (tests call it to skip the schedule), then refreshes the metrics.
     *
     * @return how many deliveries were attempted
     */
    public int deliverDue() {
        List<String> libraries = QuarkusTransaction.requiringNew().call(queue::librariesDue);
        int attempted = 0;
        for (String library : libraries) {
            attempted += QuarkusTransaction.requiringNew().call(() -> deliverFor(library));
        }
        refreshMetrics();
        return attempted;
    }

    /** Deliveries still queued (all libraries). */
    public long pending() {
        return QuarkusTransaction.requiringNew().call(() -> queue.backlog().pending());
    }

    private int deliverFor(String library) {
        Optional<WebhookRepository.Target> hook = queue.lockActive(library);
        if (hook.isEmpty()) {
            return 0; // another replica is at it, or the webhook was deleted or suspended
        }
        String url = hook.get().url();
        String secret = webhooks.openSecret(hook.get().sealedSecret());
        List<WebhookRepository.Delivery> rows = queue.queued(library, batchSize);
        int attempted = 0;
        for (WebhookRepository.Delivery row : rows) {
            long id = row.id();
            long changeId = row.changeId();
            int attempts = row.attempts();
            if (!row.due()) {
                break; // the head of the queue is waiting for its next attempt: later ones wait behind it (order)
            }
            attempted++;
            Optional<ChangeFeed.Change> change = feed.one(library, changeId);
            if (change.isEmpty()) {
                LOG.warnf("Webhook delivery %d for %s: change %d no longer exists; removed", id, library, changeId);
                delete(id);
                continue;
            }
            String error = post(url, secret, changeId, body(change.get()));
            if (error == null) {
                delete(id);
                delivered.increment();
                lag.record(Duration.ofMillis(Math.max(0, row.ageMillis())));
            } else {
                failed.increment();
                int next = attempts + 1;
                String reason = error.length() > 500 ? error.substring(0, 500) : error;
                boolean failingTooLong = queue.failed(id, next, backoff.after(next).toMillis(), reason, suspendAfter.toMillis());
                LOG.warnf("Webhook delivery of change %d to library %s failed (attempt %d): %s", changeId, library, next, error);
                if (failingTooLong) {
                    suspend(library, reason);
                }
                break;
            }
        }
        return attempted;
    }

    /**
     * Suspends the library's webhook: no more deliveries are queued or sent, the queued ones are dropped (the feed
     * keeps every change), until the library registers it again.
     */
    private void suspend(String library, String reason) {
        int dropped = queue.suspend(library, reason);
        suspensions.increment();
        LOG.warnf("Webhook of library %s suspended: failing without a break for %s (%s); %d queued deliveries dropped, "
                + "the library catches up from the feed and registers the webhook again", library, suspendAfter, reason, dropped);
    }

    private void delete(long id) {
        queue.deleteDelivery(id);
    }

    private String body(ChangeFeed.Change change) {
        try {
            return json.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One attempt; null on 2xx, else a short reason (never the body, which may hold personal data). */
    private String post(String url, String secret, long changeId, String body) {
        WebhookAddresses.Result<WebhookAddresses.Target> parsed = WebhookAddresses.parse(url, true);
        if (!parsed.ok()) {
            return "url " + parsed.refusal();
        }
        WebhookAddresses.Target target = parsed.value();
        InetAddress address;
        try {
            WebhookAddresses.Result<InetAddress> chosen =
                    WebhookAddresses.choose(List.of(InetAddress.getAllByName(target.host())), allowPrivate);
            if (!chosen.ok()) {
                return "address-not-allowed: the host now resolves to a refused address";
            }
            address = chosen.value();
        } catch (UnknownHostException e) {
            return "host-not-resolvable";
        }
        long timestamp = clock.instant().getEpochSecond();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setFollowRedirects(false)
                .setTimeout(requestTimeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Bibliotekkortet-Webhook/1")
                .putHeader(WebhookSignatures.CHANGE_ID_HEADER, Long.toString(changeId))
                .putHeader(WebhookSignatures.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(WebhookSignatures.SIGNATURE_HEADER, WebhookSignatures.sign(secret, timestamp, body))
                // The same delivery signed as Standard Webhooks (standardwebhooks.com), for vendors' ready verifiers.
                .putHeader(WebhookSignatures.STANDARD_ID_HEADER, WebhookSignatures.standardId(changeId))
                .putHeader(WebhookSignatures.STANDARD_TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(WebhookSignatures.STANDARD_SIGNATURE_HEADER,
                        WebhookSignatures.signStandard(secret, WebhookSignatures.standardId(changeId), timestamp, body));
        try {
            int status = http.request(options)
                    .compose(request -> request.send(Buffer.buffer(body)))
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .toCompletionStage().toCompletableFuture()
                    .get(requestTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return cause.getClass().getSimpleName();
        }
    }

    private void refreshMetrics() {
        WebhookRepository.Backlog backlog = QuarkusTransaction.requiringNew().call(queue::backlog);
        pending.set(backlog.pending());
        oldestAgeSeconds.set(backlog.oldestAgeSeconds());
    }
}
