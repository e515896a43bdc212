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
import jakarta.persistence.EntityManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import no.nb.bibliotekkortet.patron.domain.WebhookAddresses;
import no.nb.bibliotekkortet.patron.domain.WebhookSignatures;
import no.nb.bibliotekkortet.patron.service.ChangeFeed;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delivers queued webhook deliveries (issue 10, push). Each library's deliveries go out one at a time in feed
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

    private final EntityManager em;
    private final ChangeFeed feed;
    private final WebhookService webhooks;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final boolean allowPrivate;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final Duration requestTimeout;
    private final int batchSize;
    private final Duration suspendAfter;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final Counter delivered;
    private final Counter failed;
    private final Counter suspensions;
    private final io.micrometer.core.instrument.Timer lag;

    public WebhookDeliverer(EntityManager em, ChangeFeed feed, WebhookService webhooks, ObjectMapper json, Clock clock,
                            Vertx vertx, MeterRegistry meters,
                            @ConfigProperty(name = "register.webhooks.allow-private-addresses", defaultValue = "false")
                            boolean allowPrivate,
                            @ConfigProperty(name = "register.webhooks.backoff-initial", defaultValue = "PT5S") Duration backoffInitial,
                            @ConfigProperty(name = "register.webhooks.backoff-max", defaultValue = "PT15M") Duration backoffMax,
                            @ConfigProperty(name = "register.webhooks.request-timeout", defaultValue = "PT5S") Duration requestTimeout,
                            @ConfigProperty(name = "register.webhooks.batch-size", defaultValue = "100") int batchSize,
                            @ConfigProperty(name = "register.webhooks.suspend-after", defaultValue = "P3D") Duration suspendAfter) {
        this.em = em;
        this.feed = feed;
        this.webhooks = webhooks;
        this.json = json;
        this.clock = clock;
        this.allowPrivate = allowPrivate;
        this.backoffInitial = backoffInitial;
        this.backoffMax = backoffMax;
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
    @SuppressWarnings("unchecked")
    public int deliverDue() {
        List<String> libraries = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select distinct library_number from webhook_delivery where next_attempt_at <= now()").getResultList());
        int attempted = 0;
        for (String library : libraries) {
            attempted += QuarkusTransaction.requiringNew().call(() -> deliverFor(library));
        }
        refreshMetrics();
        return attempted;
    }

    /** Deliveries still queued (all libraries). */
    public long pending() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from webhook_delivery").getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    private int deliverFor(String library) {
        List<Object[]> hook = em.createNativeQuery(
                        "select url, secret from webhook where library_number = ?1 and suspended_at is null for update skip locked")
                .setParameter(1, library).getResultList();
        if (hook.isEmpty()) {
            return 0; // another replica is at it, or the webhook was deleted or suspended
        }
        String url = (String) hook.get(0)[0];
        String secret = webhooks.openSecret((String) hook.get(0)[1]);
        List<Object[]> rows = em.createNativeQuery("""
                        select id, change_id, attempts, next_attempt_at <= now(),
                               extract(epoch from now() - created_at) * 1000
                        from webhook_delivery
                        where library_number = ?1 and xact_id < pg_snapshot_xmin(pg_current_snapshot())
                        order by xact_id, change_id
                        limit ?2""")
                .setParameter(1, library).setParameter(2, batchSize).getResultList();
        int attempted = 0;
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            long changeId = ((Number) row[1]).longValue();
            int attempts = ((Number) row[2]).intValue();
            if (!Boolean.TRUE.equals(row[3])) {
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
                lag.record(Duration.ofMillis(Math.max(0, ((Number) row[4]).longValue())));
            } else {
                failed.increment();
                int next = attempts + 1;
                String reason = error.length() > 500 ? error.substring(0, 500) : error;
                boolean failingTooLong = (Boolean) em.createNativeQuery("update webhook_delivery set attempts = ?1, "
                                + "next_attempt_at = now() + cast(?2 as bigint) * interval '1 millisecond', last_error = ?3, "
                                + "failing_since = coalesce(failing_since, now()) where id = ?4 "
                                + "returning failing_since <= now() - cast(?5 as bigint) * interval '1 millisecond'")
                        .setParameter(1, next).setParameter(2, backoff(next).toMillis())
                        .setParameter(3, reason).setParameter(4, id).setParameter(5, suspendAfter.toMillis())
                        .getSingleResult();
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
        em.createNativeQuery("update webhook set suspended_at = now(), suspended_reason = ?1 where library_number = ?2")
                .setParameter(1, reason).setParameter(2, library).executeUpdate();
        int dropped = em.createNativeQuery("delete from webhook_delivery where library_number = ?1")
                .setParameter(1, library).executeUpdate();
        suspensions.increment();
        LOG.warnf("Webhook of library %s suspended: failing without a break for %s (%s); %d queued deliveries dropped, "
                + "the library catches up from the feed and registers the webhook again", library, suspendAfter, reason, dropped);
    }

    private void delete(long id) {
        em.createNativeQuery("delete from webhook_delivery where id = ?1").setParameter(1, id).executeUpdate();
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

    /** Exponential backoff from the initial delay, doubling, capped at the maximum, with ±20 % jitter. */
    Duration backoff(int attempts) {
        double base = backoffInitial.toMillis() * Math.pow(2, Math.min(attempts - 1, 30));
        double capped = Math.min(base, backoffMax.toMillis());
        return Duration.ofMillis(Math.max(1, Math.round(capped * (0.8 + ThreadLocalRandom.current().nextDouble() * 0.4))));
    }

    @SuppressWarnings("unchecked")
    private void refreshMetrics() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from webhook_delivery")
                .getSingleResult());
        pending.set(((Number) row[0]).longValue());
        oldestAgeSeconds.set(((Number) row[1]).longValue());
    }
}
