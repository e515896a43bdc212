package no.nb.bibliotekkortet.auth.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import no.nb.bibliotekkortet.auth.config.AuthConfig;
import no.nb.bibliotekkortet.auth.domain.HashingGate;
import no.nb.bibliotekkortet.auth.domain.PepperedArgon2;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/**
 * Hashes and verifies patron secrets with {@link PepperedArgon2} at the configured parameters, never
 * more than {@code auth.hashing.max-concurrent} at once (each hash needs {@code memory-kib} outside the
 * heap; 0 = one per processor). A request that finds every slot busy waits in a bounded first-come-first-served
 * queue ({@link HashingGate}): when {@code auth.hashing.max-queued} requests already wait, or its wait passes
 * {@code auth.hashing.queue-wait}, it gets 503 with Retry-After. Unknown cards are checked against a dummy hash so
 * that they take the same time.
 *
 * <p>The hashes run on a pool of exactly {@code max-concurrent} threads, never on the request's own thread: glibc
 * keeps a malloc arena per thread that allocates, and Argon2's buffer ({@code memory-kib}, 19 MiB) is malloc'ed by
 * the hashing thread, so hashing on whichever of the ~200 worker threads served the request left a dozen arenas
 * each holding 40-60 MiB (RSS 260 MiB to 880 MiB after 25 000 verifications; README, "Memory"). With a fixed pool
 * the native memory for hashing is bounded by the pool's size.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class SecretHasher {

    private final PepperedArgon2 argon2;
    private final PepperedArgon2.Parameters current;
    private final HashingGate gate;
    private final int retryAfter;
    private final PepperedArgon2.Hash dummy;
    private final java.util.concurrent.atomic.AtomicLong computed = new java.util.concurrent.atomic.AtomicLong();
    private final ExecutorService hashers;
    private final AuthMetrics authMetrics;

    public SecretHasher(AuthConfig config, MeterRegistry metrics, AuthMetrics authMetrics) {
        this.authMetrics = authMetrics;
        AuthConfig.Hashing h = config.hashing();
        this.argon2 = new PepperedArgon2(config.pepper().keys(), h.saltBytes());
        this.current = new PepperedArgon2.Parameters(h.memoryKib(), h.iterations(), h.parallelism(),
                config.pepper().currentKeyId());
        if (h.memoryKib() < 19456 || h.iterations() < 2 || h.parallelism() < 1) {
            throw new IllegalStateException("Argon2id parameters below OWASP's minimum (19 MiB, 2 iterations, 1 lane)");
        }
        int permits = h.maxConcurrent() > 0 ? h.maxConcurrent() : Runtime.getRuntime().availableProcessors();
        this.gate = new HashingGate(permits, h.maxQueued() > 0 ? h.maxQueued() : 8 * permits, h.queueWait());
        AtomicInteger threads = new AtomicInteger();
        this.hashers = Executors.newFixedThreadPool(permits, r -> {
            Thread t = new Thread(r, "argon2-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.retryAfter = h.retryAfterSeconds();
        this.dummy = argon2.hash(UUID.randomUUID().toString(), current);
        // A strong reference: Micrometer's gauge(...) keeps only a weak one, and the series then vanished.
        io.micrometer.core.instrument.Gauge.builder("auth_hashing_slots_free", gate, HashingGate::free)
                .description("Free Argon2id hashing slots").strongReference(true).register(metrics);
        io.micrometer.core.instrument.Gauge.builder("auth_hashing_queued", gate, HashingGate::waiting)
                .description("Requests waiting for an Argon2id hashing slot").strongReference(true).register(metrics);
        metrics.more().counter("auth_hashes_computed", java.util.List.of(), computed);
    }

    /** The parameters new hashes are made with. */
    public PepperedArgon2.Parameters currentParameters() {
        return current;
    }

    /**
     * Hashes a new secret at the current parameters.
     *
     * @throws ProblemException 503 with Retry-After when no hashing slot frees up in time
     */
    public PepperedArgon2.Hash hash(String secret) {
        return gated(() -> argon2.hash(secret, current));
    }

    /**
     * Verifies {@code secret} against {@code stored}, or against a dummy hash when {@code stored} is null
     * (unknown card, no credential), which always answers false after the same work.
     *
     * @throws ProblemException 503 with Retry-After when no hashing slot frees up in time
     */
    public boolean matches(String secret, PepperedArgon2.Hash stored) {
        if (stored == null) {
            gated(() -> argon2.matches(secret, dummy));
            return false;
        }
        return gated(() -> argon2.matches(secret, stored));
    }

    /**
     * Argon2id computations since start (hashes and verifications, the dummy one included): the work an answer cost,
     * which must be the same for an unknown card and a wrong PIN (R18: answers must not tell cards apart).
     */
    public long computed() {
        return computed.get();
    }

    /** True when {@code stored} was made with weaker parameters or another pepper key than the current ones. */
    public boolean needsRehash(PepperedArgon2.Hash stored) {
        return !stored.parameters().satisfies(current);
    }

    private <T> T gated(Supplier<T> work) {
        if (!gate.enter()) {
            throw Problems.busy(retryAfter);
        }
        try {
            // Never queues in the pool: the gate admits at most as many tasks as the pool has threads.
            return hashers.submit(() -> authMetrics.hashing().record(work)).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problems.busy(retryAfter);
        } finally {
            computed.incrementAndGet();
            gate.leave();
        }
    }

    @PreDestroy
    void stop() {
        hashers.shutdownNow();
    }
}
