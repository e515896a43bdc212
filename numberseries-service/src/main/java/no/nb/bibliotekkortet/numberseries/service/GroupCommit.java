package no.nb.bibliotekkortet.numberseries.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit: concurrent callers' items written together. Each caller queues its item and takes the
 * writer lock; whoever holds it writes everything queued so far with one call of the batch writer (one
 * transaction for many requests), and every caller whose item was in that batch returns its result
 * without touching the database itself. While one batch is written the next one gathers, so the number of
 * transactions per second stays bounded while the items per transaction grow with the load. One batch at
 * a time per instance, at most {@code maxBatch} items each.
 *
 * <p>The writer completes each item ({@link Item#complete}, {@link Item#fail}) only after its transaction
 * committed; an item it leaves open, or every item of a batch whose writer throws, fails with that
 * exception.
 *
 * @param <T> what a caller submits
 * @param <R> what a caller gets back
 */
final class GroupCommit<T, R> {

    /** One caller's item and its outcome. */
    static final class Item<T, R> {
        private final T value;
        private final CompletableFuture<R> outcome = new CompletableFuture<>();

        private Item(T value) {
            this.value = value;
        }

        T value() {
            return value;
        }

        void complete(R result) {
            outcome.complete(result);
        }

        void fail(RuntimeException e) {
            outcome.completeExceptionally(e);
        }
    }

    private final ConcurrentLinkedQueue<Item<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();
    private final Consumer<List<Item<T, R>>> write;
    private final int maxBatch;

    /**
     * @param write    writes a batch (in its own transaction) and completes its items after the commit
     * @param maxBatch most items per batch (≥ 1)
     */
    GroupCommit(Consumer<List<Item<T, R>>> write, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.write = write;
        this.maxBatch = maxBatch;
    }

    /**
     * Queues {@code value}, writes it (with whatever else is queued) unless another caller already did,
     * and returns its result.
     *
     * @throws RuntimeException the exception the writer failed this item with
     */
    R submit(T value) {
        Item<T, R> item = new Item<>(value);
        queue.add(item);
        writer.lock();
        try {
            while (!item.outcome.isDone()) {
                writeBatch();
            }
        } finally {
            writer.unlock();
        }
        try {
            return item.outcome.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Items queued and not yet taken into a batch (the write backlog). */
    int queued() {
        return queue.size();
    }

    private void writeBatch() {
        List<Item<T, R>> batch = new ArrayList<>();
        for (Item<T, R> next; batch.size() < maxBatch && (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        try {
            write.accept(batch);
            IllegalStateException open = new IllegalStateException("the batch writer left an item without an outcome");
            batch.forEach(i -> i.fail(open));
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            batch.forEach(i -> i.fail(failure));
            if (e instanceof Error error) {
                throw error;
            }
        }
    }
}
