package no.nb.bibliotekkortet.systemtests.bench;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * The benchmark's load client over the JDK's HTTP/1.1 client (keep-alive connections), recording every latency in an
 * HdrHistogram (nanoseconds, 3 significant digits, up to 60 s).
 * <ul>
 *   <li>{@link #closedLoop}: {@code clients} threads, each sending its next request as soon as the previous one has
 *       answered, for a fixed time: the maximum throughput at that concurrency; latency from send to response.</li>
 *   <li>{@link #openLoop}: requests scheduled at a fixed rate (wrk2-style) whatever the earlier ones do; latency is
 *       measured from each request's <em>intended</em> send time, so a stalled server shows in the percentiles instead
 *       of silently lowering the offered rate (no coordinated omission). At most {@code maxInFlight} requests are
 *       outstanding; a request that finds them all busy is counted as an error and its latency as what it waited.</li>
 * </ul>
 * A request counts as an error when it throws or its response fails the {@code ok} predicate.
 */
public final class LoadClient {

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

    /** One request of a closed-loop client: true when it succeeded. {@code i} counts up over all clients. */
    @FunctionalInterface
    public interface Call {
        boolean call(long i) throws Exception;
    }

    private final HttpClient http;

    public LoadClient() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();
    }

    /** The shared HTTP client (HTTP/1.1, pooled keep-alive connections). */
    public HttpClient http() {
        return http;
    }

    /** Sends {@code request}; true when the response passes {@code ok}. */
    public boolean send(HttpRequest request, Predicate<HttpResponse<String>> ok) throws Exception {
        return ok.test(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** {@code clients} threads calling {@code call} back to back for {@code seconds}. */
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
     * Offers {@code rate} requests per second for {@code seconds} (request i due at start + i / rate), at most
     * {@code maxInFlight} outstanding, then waits for the stragglers (at most 30 s).
     */
    public Result openLoop(double rate, double seconds, int maxInFlight, LongFunction<HttpRequest> request,
                           Predicate<HttpResponse<String>> ok) throws Exception {
        Recorder recorder = new Recorder(MAX_NANOS, 3);
        AtomicLong errors = new AtomicLong();
        Semaphore inFlight = new Semaphore(maxInFlight);
        long total = Math.max(1, (long) (rate * seconds));
        double interval = 1e9 / rate;
        double cpu0 = processCpuSeconds();
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
            CompletableFuture<HttpResponse<String>> sent;
            try {
                sent = http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString());
            } catch (RuntimeException e) {
                inFlight.release();
                errors.incrementAndGet();
                continue;
            }
            sent.whenComplete((r, e) -> {
                inFlight.release();
                if (e == null && ok.test(r)) {
                    recorder.recordValue(Math.min(MAX_NANOS, Math.max(0, System.nanoTime() - due)));
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
        return new Result(h.getTotalCount(), errors.get(), Math.max(sendingSeconds, seconds), h, processCpuSeconds() - cpu0);
    }

    /** CPU seconds used by this JVM so far. */
    public static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }
}
