package no.nb.bibliotekkortet.common.outbox;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delivers due outbox rows: POSTs each payload to {@code register.services.<destination>.url + path}
 * with a service token (client credentials, scope {@code bibliotekkortet:internal}, internal audience)
 * and the header {@code Idempotency-Key: <application>-outbox-<id>}.
 *
 * <p>A 2xx answer deletes the row. A 4xx answer other than those in {@code register.outbox.retryable-statuses}
 * (default 408, 409, 425, 429) says the message itself is wrong and can never succeed: the row moves to the
 * dead-letter table {@code outbox_dead_letter} with the status and the start of the answer, counted by
 * {@link OutboxMetrics}, listed and replayed by an admin ({@link OutboxDeadLetters}); later rows with its ordering key
 * move on. Anything else (5xx, a retryable 4xx, connection errors and timeouts) keeps the row
 * and schedules the next attempt after an exponential backoff with ±20 % jitter, from
 * {@code register.outbox.backoff-initial} (default 1 s) doubling up to {@code register.outbox.backoff-max}
 * (default 5 min). Messages are never dropped: a message that keeps failing is retried at the maximum
 * interval and shows in the logs with its attempts and in {@code outbox_oldest_age_seconds}. Rows are claimed with {@code FOR UPDATE SKIP LOCKED},
 * so several replicas never deliver the same row at once. The rows of one batch are sent
 * {@code register.outbox.concurrency} at a time (default 8): messages without an ordering key may overtake each
 * other (a failed one is retried after later ones), so their receivers order by version or are order-free.
 * Messages with the same ordering key ({@link Outbox#enqueue(String, String, Object, String)}) are sent one after
 * the other in the order written, and while one of them waits for a retry the later ones are not sent. Due times use the database's clock
 * ({@code now()}), not the service's {@code Clock}: a test that moves the service's clock (years ahead, or
 * back to a worked example's date) must not strand messages.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    /** How large a receiver's answer is kept with a dead-lettered row (characters). */
    private static final int ANSWER_LIMIT = 500;

    /**
     * The outcome of one attempt: {@code error} null when delivered; {@code status} the HTTP status (0 without an
     * answer); {@code answer} the start of a 4xx answer's body.
     */
    record Outcome(String error, int status, String answer) {
        static final Outcome DELIVERED = new Outcome(null, 200, null);
        /** A row held back behind a failed one with the same ordering key (compared by identity). */
        static final Outcome NOT_SENT = new Outcome("not sent", 0, null);

        static Outcome failed(String error) {
            return new Outcome(error, 0, null);
        }
    }

    private final EntityManager em;
    private final OidcClient oidcClient;
    private final Config config;
    private final HttpClient http;
    private final String application;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final Duration requestTimeout;
    private final int batchSize;
    private final int concurrency;
    private final java.util.Set<Integer> retryable;
    private final OutboxMetrics metrics;
    private volatile Tokens tokens;
    /** Each attempt is a CLIENT span continuing the trace stored with its row (issue 18). */
    @jakarta.inject.Inject
    OutboxTracing tracing;

    public OutboxRelay(EntityManager em, OidcClient oidcClient, Config config,
                       @ConfigProperty(name = "quarkus.application.name") String application,
                       @ConfigProperty(name = "register.outbox.backoff-initial", defaultValue = "PT1S") Duration backoffInitial,
                       @ConfigProperty(name = "register.outbox.backoff-max", defaultValue = "PT5M") Duration backoffMax,
                       @ConfigProperty(name = "register.outbox.request-timeout", defaultValue = "PT5S") Duration requestTimeout,
                       @ConfigProperty(name = "register.outbox.batch-size", defaultValue = "50") int batchSize,
                       @ConfigProperty(name = "register.outbox.concurrency", defaultValue = "8") int concurrency,
                       @ConfigProperty(name = "register.outbox.retryable-statuses", defaultValue = "408,409,425,429")
                       java.util.Set<Integer> retryable,
                       OutboxMetrics metrics) {
        this.retryable = java.util.Set.copyOf(retryable);
        this.metrics = metrics;
        if (batchSize < 1 || concurrency < 1) {
            throw new IllegalArgumentException("register.outbox.batch-size and register.outbox.concurrency must be at least 1");
        }
        this.em = em;
        this.oidcClient = oidcClient;
        this.config = config;
        this.application = application;
        this.backoffInitial = backoffInitial;
        this.backoffMax = backoffMax;
        this.requestTimeout = requestTimeout;
        this.batchSize = batchSize;
        this.concurrency = concurrency;
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    }

    /** Runs every {@code register.outbox.poll-interval} (default 1 s); skipped while a run is still going. */
    @Scheduled(every = "${register.outbox.poll-interval:1s}", delayed = "${register.outbox.initial-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            while (deliverDue() == batchSize) {
                // a full batch: there may be more due rows
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay run failed: %s", e.getClass().getSimpleName());
        }
    }

    /**
     * Delivers up to one batch of due rows now (tests call it to skip the schedule).
     *
     * @return how many rows were attempted
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public int deliverDue() {
        List<Object[]> rows = em.createNativeQuery(
                        "select id, destination, path, cast(payload as text), attempts, ordering_key, traceparent from outbox o "
                                + "where next_attempt_at <= now() and (ordering_key is null or not exists ("
                                + "select 1 from outbox e where e.ordering_key = o.ordering_key and e.id < o.id "
                                + "and e.next_attempt_at > now())) "
                                + "order by id limit ?1 for update skip locked")
                .setParameter(1, batchSize)
                .getResultList();
        String token = rows.isEmpty() ? null : accessTokenOrNull();
        // Lanes: each row without an ordering key alone, the rows of one key together in id order.
        Map<String, List<Object[]>> byLane = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byLane.computeIfAbsent(row[5] == null ? "row:" + row[0] : "key:" + row[5], k -> new ArrayList<>()).add(row);
        }
        List<List<Object[]>> lanes = new ArrayList<>(byLane.values());
        for (int from = 0; from < lanes.size(); from += concurrency) {
            List<List<Object[]>> group = lanes.subList(from, Math.min(lanes.size(), from + concurrency));
            List<CompletableFuture<List<Outcome>>> outcomes = new ArrayList<>(group.size());
            for (List<Object[]> lane : group) {
                outcomes.add(deliverInOrder(lane, token));
            }
            for (int i = 0; i < group.size(); i++) {
                List<Outcome> laneOutcomes = outcomes.get(i).join();
                for (int j = 0; j < laneOutcomes.size(); j++) {
                    if (laneOutcomes.get(j) != Outcome.NOT_SENT) {
                        record(group.get(i).get(j), laneOutcomes.get(j));
                    }
                }
            }
        }
        return rows.size();
    }

    /**
     * Delivers until no row is due any more (tests call it): also waits for rows that a concurrent
     * scheduled run has claimed, so that their delivery has happened when this returns.
     *
     * @param timeout how long to keep trying
     * @return true when nothing was due at the end; false when the timeout passed first
     */
    public boolean drain(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            deliverDue();
            if (due() == 0) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return due() == 0;
    }

    /** Number of rows whose next attempt is due now (including rows being delivered right now). */
    @Transactional
    public long due() {
        return ((Number) em.createNativeQuery("select count(*) from outbox where next_attempt_at <= now()")
                .getSingleResult()).longValue();
    }

    /** Number of rows still waiting for delivery. */
    @Transactional
    public long pending() {
        return ((Number) em.createNativeQuery("select count(*) from outbox").getSingleResult()).longValue();
    }

    /** Backoff before attempt {@code attempts + 1}: initial × 2^(attempts−1), capped, ±20 % jitter. */
    Duration backoff(int attempts) {
        long base = backoffInitial.toMillis() << Math.min(attempts - 1, 30);
        long capped = Math.min(base <= 0 ? Long.MAX_VALUE : base, backoffMax.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (capped * jitter)));
    }

    /**
     * Sends a lane's rows one after the other; after a failure the rest are {@link Outcome#NOT_SENT} (they stay queued,
     * untouched, behind the failed one).
     */
    private CompletableFuture<List<Outcome>> deliverInOrder(List<Object[]> lane, String token) {
        CompletableFuture<List<Outcome>> chain = CompletableFuture.completedFuture(new ArrayList<>(lane.size()));
        for (Object[] row : lane) {
            chain = chain.thenCompose(done -> {
                if (!done.isEmpty() && holdsBack(done.get(done.size() - 1))) {
                    done.add(Outcome.NOT_SENT);
                    return CompletableFuture.completedFuture(done);
                }
                return deliver(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3], (String) row[6], token)
                        .thenApply(outcome -> {
                            done.add(outcome);
                            return done;
                        });
            });
        }
        return chain;
    }

    /** True when an outcome keeps the later rows of its ordering key waiting (a failure that will be retried). */
    private boolean holdsBack(Outcome outcome) {
        return outcome.error() != null && !deadLetter(outcome);
    }

    /** A 4xx answer that is not in the retryable set: the message can never succeed as it is. */
    private boolean deadLetter(Outcome outcome) {
        return outcome.status() >= 400 && outcome.status() < 500 && !retryable.contains(outcome.status());
    }

    /**
     * Deletes a delivered row; moves a row the receiver refused for good to the dead-letter table; or counts the
     * failed attempt and schedules the next one.
     */
    private void record(Object[] row, Outcome outcome) {
        long id = ((Number) row[0]).longValue();
        String destination = (String) row[1];
        String error = outcome.error();
        if (error == null) {
            em.createNativeQuery("delete from outbox where id = ?1").setParameter(1, id).executeUpdate();
            metrics.attempt(destination, OutboxMetrics.DELIVERED);
            return;
        }
        int attempts = ((Number) row[4]).intValue() + 1;
        if (deadLetter(outcome)) {
            em.createNativeQuery("insert into outbox_dead_letter (id, destination, path, payload, ordering_key, created_at, "
                            + "attempts, status, answer, traceparent) select id, destination, path, payload, ordering_key, created_at, ?2, ?3, ?4, "
                            + "traceparent "
                            + "from outbox where id = ?1")
                    .setParameter(1, id).setParameter(2, attempts).setParameter(3, outcome.status())
                    .setParameter(4, outcome.answer()).executeUpdate();
            em.createNativeQuery("delete from outbox where id = ?1").setParameter(1, id).executeUpdate();
            metrics.attempt(destination, OutboxMetrics.DEAD_LETTERED);
            LOG.errorf("Outbox message %d to %s%s refused with HTTP %d: moved to the dead letters (attempt %d)", id,
                    destination, row[2], outcome.status(), attempts);
            return;
        }
        metrics.attempt(destination, OutboxMetrics.FAILED);
        em.createNativeQuery("update outbox set attempts = ?1, "
                        + "next_attempt_at = now() + cast(?2 as bigint) * interval '1 millisecond', last_error = ?3 where id = ?4")
                .setParameter(1, attempts)
                .setParameter(2, backoff(attempts).toMillis())
                .setParameter(3, error.length() > 500 ? error.substring(0, 500) : error)
                .setParameter(4, id)
                .executeUpdate();
        LOG.warnf("Outbox message %d to %s failed (attempt %d): %s", id, row[1], attempts, error);
    }

    /**
     * POSTs one message asynchronously; completes with {@link Outcome#DELIVERED} on a 2xx answer, otherwise with a
     * short error (no payload, no personal data), the status and, for a 4xx, the start of the answer. Never completes
     * exceptionally.
     */
    private CompletableFuture<Outcome> deliver(long id, String destination, String path, String payload, String traceparent,
                                               String token) {
        OutboxTracing.Delivery span = tracing.startDelivery(destination, path, traceparent);
        return send(id, destination, path, payload, token, span.traceparent())
                // The status of a failed attempt only: a delivered outcome does not keep which 2xx it was.
                .whenComplete((outcome, e) -> span.end(outcome == null || outcome.error() == null ? 0 : outcome.status(),
                        outcome == null ? null : outcome.error()));
    }

    /** {@link #deliver} without the span: the request itself, with the span's {@code traceparent} header when there is one. */
    private CompletableFuture<Outcome> send(long id, String destination, String path, String payload, String token,
                                            String traceparent) {
        String base = config.getOptionalValue("register.services." + destination + ".url", String.class).orElse(null);
        if (base == null) {
            return CompletableFuture.completedFuture(Outcome.failed("no URL configured for destination " + destination));
        }
        if (token == null) {
            return CompletableFuture.completedFuture(Outcome.failed("no service token"));
        }
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
            if (traceparent != null) {
                builder.header(OutboxTracing.HEADER, traceparent);
            }
            HttpRequest request = builder
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .header(IDEMPOTENCY_HEADER, application + "-outbox-" + id)
                    .POST(HttpRequest.BodyPublishers.ofString(payload))
                    .build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, e) -> {
                        if (e != null) {
                            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                            return Outcome.failed(cause.getClass().getSimpleName());
                        }
                        int status = response.statusCode();
                        if (status >= 200 && status < 300) {
                            return Outcome.DELIVERED;
                        }
                        String body = status >= 400 && status < 500 && response.body() != null ? response.body() : null;
                        return new Outcome("HTTP " + status, status,
                                body == null || body.length() <= ANSWER_LIMIT ? body : body.substring(0, ANSWER_LIMIT));
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Outcome.failed(e.getClass().getSimpleName()));
        }
    }

    /** The service token, or null when the OIDC server cannot be reached (every row of the batch then waits). */
    private String accessTokenOrNull() {
        try {
            return accessToken();
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay could not get a service token: %s", e.getClass().getSimpleName());
            return null;
        }
    }

    private String accessToken() {
        Tokens current = tokens;
        if (current == null || current.isAccessTokenExpired() || current.isAccessTokenWithinRefreshInterval()) {
            current = oidcClient.getTokens().await().atMost(requestTimeout);
            tokens = current;
        }
        return current.getAccessToken();
    }
}
