package no.nb.bibliotekkortet.common.outbox;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
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
import no.nb.bibliotekkortet.common.outbox.repository.OutboxRepository;
import no.nb.bibliotekkortet.common.outbox.repository.OutboxRepository.Message;
import no.nb.bibliotekkortet.common.time.Backoff;
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

    /** What became of one row in a run. */
    enum Result {
        /** A 2xx answer. */
        DELIVERED,
        /** No 2xx answer: retried later, or dead-lettered for a 4xx that is not retryable. */
        FAILED,
        /** Held back, untouched, behind a failed row with the same ordering key. */
        NOT_SENT
    }

    /**
     * The outcome of one row: {@code error} null unless FAILED; {@code status} the HTTP status (0 without an
     * answer); {@code answer} the start of a 4xx answer's body.
     */
    record Outcome(Result result, String error, int status, String answer) {
        static final Outcome DELIVERED = new Outcome(Result.DELIVERED, null, 200, null);
        static final Outcome NOT_SENT = new Outcome(Result.NOT_SENT, null, 0, null);

        static Outcome failed(String error) {
            return failed(error, 0, null);
        }

        static Outcome failed(String error, int status, String answer) {
            return new Outcome(Result.FAILED, error, status, answer);
        }
    }

    private final OutboxRepository outbox;
    private final OidcClient oidcClient;
    private final Config config;
    private final HttpClient http;
    private final String application;
    private final Backoff backoff;
    private final Duration requestTimeout;
    private final int batchSize;
    private final int concurrency;
    private final java.util.Set<Integer> retryable;
    private final OutboxMetrics metrics;
    private volatile Tokens tokens;
    /** Each attempt is a CLIENT span continuing the trace stored with its row (docs/observability.md "Traces"). */
    @jakarta.inject.Inject
    OutboxTracing tracing;

    public OutboxRelay(OutboxRepository outbox, OidcClient oidcClient, Config config,
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
        this.outbox = outbox;
        this.oidcClient = oidcClient;
        this.config = config;
        this.application = application;
        this.backoff = new Backoff(backoffInitial, backoffMax);
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
    public int deliverDue() {
        List<Message> rows = outbox.claimDue(batchSize);
        String token = rows.isEmpty() ? null : accessTokenOrNull();
        // Lanes: each row without an ordering key alone, the rows of one key together in id order.
        Map<String, List<Message>> byLane = new LinkedHashMap<>();
        for (Message row : rows) {
            byLane.computeIfAbsent(row.orderingKey() == null ? "row:" + row.id() : "key:" + row.orderingKey(),
                    k -> new ArrayList<>()).add(row);
        }
        List<List<Message>> lanes = new ArrayList<>(byLane.values());
        for (int from = 0; from < lanes.size(); from += concurrency) {
            List<List<Message>> group = lanes.subList(from, Math.min(lanes.size(), from + concurrency));
            List<CompletableFuture<List<Outcome>>> outcomes = new ArrayList<>(group.size());
            for (List<Message> lane : group) {
                outcomes.add(deliverInOrder(lane, token));
            }
            for (int i = 0; i < group.size(); i++) {
                List<Outcome> laneOutcomes = outcomes.get(i).join();
                for (int j = 0; j < laneOutcomes.size(); j++) {
                    if (laneOutcomes.get(j).result() != Result.NOT_SENT) {
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
        return outbox.due();
    }

    /** Number of rows still waiting for delivery. */
    @Transactional
    public long pending() {
        return outbox.pending();
    }

    /**
     * Sends a lane's rows one after the other; after a failure the rest are {@link Outcome#NOT_SENT} (they stay queued,
     * untouched, behind the failed one).
     */
    private CompletableFuture<List<Outcome>> deliverInOrder(List<Message> lane, String token) {
        CompletableFuture<List<Outcome>> chain = CompletableFuture.completedFuture(new ArrayList<>(lane.size()));
        for (Message row : lane) {
            chain = chain.thenCompose(done -> {
                if (!done.isEmpty() && holdsBack(done.get(done.size() - 1))) {
                    done.add(Outcome.NOT_SENT);
                    return CompletableFuture.completedFuture(done);
                }
                return deliver(row.id(), row.destination(), row.path(), row.payload(), row.traceparent(), token)
                        .thenApply(outcome -> {
                            done.add(outcome);
                            return done;
                        });
            });
        }
        return chain;
    }

    /**
     * True when an outcome keeps the later rows of its ordering key waiting: a failure that will be retried, or a
     * row itself held back behind one.
     */
    private boolean holdsBack(Outcome outcome) {
        return outcome.result() == Result.NOT_SENT || outcome.result() == Result.FAILED && !deadLetter(outcome);
    }

    /** A 4xx answer that is not in the retryable set: the message can never succeed as it is. */
    private boolean deadLetter(Outcome outcome) {
        return outcome.status() >= 400 && outcome.status() < 500 && !retryable.contains(outcome.status());
    }

    /**
     * Deletes a delivered row; moves a row the receiver refused for good to the dead-letter table; or counts the
     * failed attempt and schedules the next one.
     */
    private void record(Message row, Outcome outcome) {
        long id = row.id();
        String destination = row.destination();
        String error = outcome.error();
        if (outcome.result() == Result.DELIVERED) {
            outbox.delete(id);
            metrics.attempt(destination, OutboxMetrics.DELIVERED);
            return;
        }
        int attempts = row.attempts() + 1;
        if (deadLetter(outcome)) {
            outbox.moveToDeadLetters(id, attempts, outcome.status(), outcome.answer());
            metrics.attempt(destination, OutboxMetrics.DEAD_LETTERED);
            LOG.errorf("Outbox message %d to %s%s refused with HTTP %d: moved to the dead letters (attempt %d)", id,
                    destination, row.path(), outcome.status(), attempts);
            return;
        }
        metrics.attempt(destination, OutboxMetrics.FAILED);
        outbox.failed(id, attempts, backoff.after(attempts).toMillis(), error.length() > 500 ? error.substring(0, 500) : error);
        LOG.warnf("Outbox message %d to %s failed (attempt %d): %s", id, destination, attempts, error);
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
                        return Outcome.failed("HTTP " + status, status,
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
