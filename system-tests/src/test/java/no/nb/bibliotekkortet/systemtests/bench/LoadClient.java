package no.nb.bibliotekkortet.systemtests.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The benchmark's load client: HTTP/1.1 with keep-alive over Vert.x's non-blocking client on one event-loop thread,
 * every latency in an HdrHistogram (nanoseconds, 3 significant digits, up to 60 s).
 * <ul>
 *   <li>{@link #closedLoop(int, double, LongFunction, Predicate)}: {@code clients} concurrent requests, each client
 *       sending its next request as soon as the previous one has answered, for a fixed time: the maximum throughput at
 *       that concurrency; latency from send to response.</li>
 *   <li>{@link #openLoop}: requests scheduled at a fixed rate (wrk2-style) whatever the earlier ones do; latency is
 *       measured from each request's <em>intended</em> send time, so a stalled server shows in the percentiles instead
 *       of silently lowering the offered rate (no coordinated omission). The requests share a fixed number of
 *       connections, as wrk2's do: one due while all are busy waits, and the wait counts.</li>
 * </ul>
 * Why not the JDK's {@code java.net.http} client: on this 2-core machine it cost about 0.7 ms of CPU per request
 * (selector thread, executor hand-offs), almost as much as the suite's own 0.9 ms for a card lookup, so the load
 * client took a third of the cores the suite needed. This client costs a few tens of microseconds per request (the
 * {@code clientCpuMsPerOp} of every row). A request counts as an error when it fails or its response fails the
 * {@code ok} predicate.
 */
public final class LoadClient implements AutoCloseable {

    private static final long MAX_NANOS = 60_000_000_000L;

    /**
     * One measured run.
     *
     * @param ops       requests that completed successfully
     * @param errors    requests that failed (exception or a response refused by the predicate)
     * @param seconds   wall-clock duration of the run
     * @param latency   latencies of the successful requests, nanoseconds
     * @param clientCpu CPU seconds this JVM (the load client) used during the run
     */
    public record Result(long ops, long errors, double seconds, Histogram latency, double clientCpu) {
        /** Successful requests per second. */
        public double throughput() {
            return ops / seconds;
        }
    }

    /**
     * One HTTP request.
     *
     * @param method  GET, POST, ...
     * @param url     absolute URL ({@code http://host:port/path?query})
     * @param headers request headers
     * @param body    request body (UTF-8), or null for none
     */
    public record Request(String method, String url, Map<String, String> headers, String body) {
        public static Request get(String url, Map<String, String> headers) {
            return new Request("GET", url, headers, null);
        }

        public static Request post(String url, Map<String, String> headers, String jsonBody) {
            Map<String, String> h = new java.util.LinkedHashMap<>(headers);
            h.put("Content-Type", "application/json");
            return new Request("POST", url, h, jsonBody);
        }
    }

    /** A response: status code and body (UTF-8). */
    public record Response(int status, String body) {
    }

    /** One call of a closed-loop client that blocks (not HTTP: e.g. a hash): true when it succeeded. */
    @FunctionalInterface
    public interface Call {
        boolean call(long i) throws Exception;
    }

    private final Vertx vertx;
    private final HttpClient http;

    public LoadClient() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1)
                .setBlockedThreadCheckInterval(60_000)); // Token.get() may block the loop for a token fetch once a minute
        http = newClient(512);
    }

    /** An HTTP/1.1 keep-alive client of at most {@code connections} connections per server; requests beyond wait. */
    private HttpClient newClient(int connections) {
        return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000).setIdleTimeout(60),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** Sends {@code request} and waits for the whole response (at most 60 s). */
    public Response send(Request request) throws Exception {
        return sendAsync(request).get(60, TimeUnit.SECONDS);
    }

    /** Sends {@code request}; the future completes with the whole response or fails. Never blocks. */
    public CompletableFuture<Response> sendAsync(Request request) {
        return sendAsync(http, request);
    }

    private static CompletableFuture<Response> sendAsync(HttpClient http, Request request) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(request.method()))
                .setAbsoluteURI(request.url());
        request.headers().forEach(options::putHeader);
        return http.request(options)
                .compose(r -> request.body() == null ? r.send() : r.send(request.body()))
                .compose(r -> r.body().map(b -> new Response(r.statusCode(), b.toString())))
                .toCompletionStage().toCompletableFuture();
    }

    /**
     * {@code clients} concurrent HTTP requests back to back for {@code seconds}: request i from {@code request}
     * (i counts up over all clients), a success when {@code ok} accepts the response.
     */
    public Result closedLoop(int clients, double seconds, LongFunction<Request> request, Predicate<Response> ok)
            throws InterruptedException {
        Recorder recorder = new Recorder(MAX_NANOS, 3);
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(clients);
        double cpu0 = processCpuSeconds();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        for (int c = 0; c < clients; c++) {
            vertx.runOnContext(v -> loop(end, next, request, ok, recorder, errors, finished));
        }
        if (!finished.await((long) seconds + 90, TimeUnit.SECONDS)) {
            errors.addAndGet(finished.getCount());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        return new Result(h.getTotalCount(), errors.get(), elapsed, h, processCpuSeconds() - cpu0);
    }

    /** One client's next request, or its end when the time is up (on the event loop). */
    private void loop(long end, AtomicLong next, LongFunction<Request> request, Predicate<Response> ok, Recorder recorder,
                      AtomicLong errors, CountDownLatch finished) {
        if (System.nanoTime() >= end) {
            finished.countDown();
            return;
        }
        long t0 = System.nanoTime();
        CompletableFuture<Response> sent;
        try {
            sent = sendAsync(request.apply(next.getAndIncrement()));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((response, failure) -> {
            if (failure == null && ok.test(response)) {
                recorder.recordValue(Math.min(MAX_NANOS, System.nanoTime() - t0));
            } else {
                errors.incrementAndGet();
            }
            // on the event loop again: no recursion when a request fails at once
            vertx.runOnContext(v -> loop(end, next, request, ok, recorder, errors, finished));
        });
    }

    /** {@code clients} threads calling the blocking {@code call} back to back for {@code seconds} (e.g. hashes). */
    public static Result closedLoop(int clients, double seconds, Call call) throws Exception {
        Recorder recorder = new Recorder(MAX_NANOS, 3);
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        double cpu0 = processCpuSeconds();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = call.call(next.getAndIncrement());
                    } catch (Exception e) {
                        ok = false;
                    }
                    if (ok) {
                        recorder.recordValue(Math.min(MAX_NANOS, System.nanoTime() - t0));
                    } else {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Histogram h = recorder.getIntervalHistogram();
        return new Result(h.getTotalCount(), errors.get(), elapsed, h, processCpuSeconds() - cpu0);
    }

    /**
     * Offers {@code rate} requests per second for {@code seconds} (request i due at start + i / rate) over a fixed
     * number of keep-alive {@code connections} (as wrk2 does: a request due while every connection is busy waits for
     * one, and that wait counts in its latency), then waits for the stragglers (at most 30 s). More than 30 s of
     * requests outstanding at once count as errors.
     */
    public Result openLoop(double rate, double seconds, int connections, LongFunction<Request> request,
                           Predicate<Response> ok) throws Exception {
        HttpClient pinned = newClient(connections);
        try {
            return openLoop(pinned, rate, seconds, request, ok);
        } finally {
            pinned.close();
        }
    }

    private Result openLoop(HttpClient pinned, double rate, double seconds, LongFunction<Request> request,
                            Predicate<Response> ok) throws Exception {
        Recorder recorder = new Recorder(MAX_NANOS, 3);
        AtomicLong errors = new AtomicLong();
        java.util.Queue<long[]> slow = new java.util.concurrent.ConcurrentLinkedQueue<>();
        int maxInFlight = (int) Math.min(Integer.MAX_VALUE, Math.max(1000, rate * 30));
        Semaphore inFlight = new Semaphore(maxInFlight);
        long total = Math.max(1, (long) (rate * seconds));
        double interval = 1e9 / rate;
        double cpu0 = processCpuSeconds();
        long startEpochMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * interval);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!inFlight.tryAcquire()) {
                errors.incrementAndGet();
                continue;
            }
            CompletableFuture<Response> sent;
            try {
                sent = sendAsync(pinned, request.apply(i));
            } catch (RuntimeException e) {
                inFlight.release();
                errors.incrementAndGet();
                continue;
            }
            sent.whenComplete((r, e) -> {
                inFlight.release();
                if (e == null && ok.test(r)) {
                    long latency = Math.min(MAX_NANOS, Math.max(0, System.nanoTime() - due));
                    recorder.recordValue(latency);
                    if (latency > SLOW_NANOS) {
                        slow.add(new long[] {due - start, latency});
                    }
                } else {
                    errors.incrementAndGet();
                }
            });
        }
        double sendingSeconds = (System.nanoTime() - start) / 1e9;
        if (!inFlight.tryAcquire(maxInFlight, 30, TimeUnit.SECONDS)) {
            errors.addAndGet(maxInFlight - inFlight.availablePermits());
        }
        Histogram h = recorder.getIntervalHistogram();
        printStalls(slow, startEpochMillis);
        return new Result(h.getTotalCount(), errors.get(), Math.max(sendingSeconds, seconds), h, processCpuSeconds() - cpu0);
    }

    /** Latency above which an open-loop request counts as delayed by a stall (for {@link #printStalls}). */
    private static final long SLOW_NANOS = 50_000_000L;

    /**
     * Prints when the open loop's slow requests (over 50 ms) were due, grouped into stalls (due within 1 s of each
     * other): time since the start, requests, worst latency. Periodic stalls point at a timer (a cache's lifetime, an
     * exporter's schedule), scattered ones at the machine. The start's wall-clock time (epoch ms, UTC) is printed too, to
     * line the stalls up with other recordings of the same seconds (GC logs, {@code cyclictest}, {@code /proc/stat}).
     */
    private static void printStalls(java.util.Queue<long[]> slow, long startEpochMillis) {
        List<long[]> sorted = new ArrayList<>(slow);
        sorted.sort(java.util.Comparator.comparingLong(a -> a[0]));
        StringBuilder out = new StringBuilder();
        int stalls = 0;
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            long worst = 0;
            while (j < sorted.size() && sorted.get(j)[0] - sorted.get(i)[0] < 1_000_000_000L) {
                worst = Math.max(worst, sorted.get(j)[1]);
                j++;
            }
            stalls++;
            out.append(String.format(java.util.Locale.ROOT, " +%.1f s (%d requests, worst %.0f ms);", sorted.get(i)[0] / 1e9,
                    j - i, worst / 1e6));
            i = j;
        }
        System.out.printf(java.util.Locale.ROOT, "BENCH   open loop from %s (epoch ms %d): %d requests over 50 ms in %d stalls:%s%n",
                java.time.Instant.ofEpochMilli(startEpochMillis), startEpochMillis, sorted.size(), stalls, out);
    }

    /** CPU seconds used by this JVM so far. */
    public static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    @Override
    public void close() {
        http.close();
        vertx.close();
    }
}
