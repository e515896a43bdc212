package no.nb.bibliotekkortet.numberseries.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Group commit without a database: every caller gets its own outcome, batches form under concurrency, failures reach every item of their batch. */
class GroupCommitTest {

    @Test
    void everyCallerGetsItsOwnResultAndConcurrentCallersShareBatches() throws Exception {
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger largest = new AtomicInteger();
        CountDownLatch firstBatchEntered = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(batch -> {
            batches.incrementAndGet();
            largest.accumulateAndGet(batch.size(), Math::max);
            firstBatchEntered.countDown();
            await(othersQueued);
            batch.forEach(i -> i.complete(i.value() * 2));
        }, 1_000);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            results.add(pool.submit(() -> commit.submit(0)));
            firstBatchEntered.await();
            for (int i = 1; i < 20; i++) {
                int value = i;
                results.add(pool.submit(() -> commit.submit(value)));
            }
            // the first batch is being written while the other 19 queue up behind it
            while (commit.queued() < 19) {
                Thread.onSpinWait();
            }
            othersQueued.countDown();
            for (int i = 0; i < 20; i++) {
                assertEquals(i * 2, results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, batches.get(), "the 19 that queued behind the first batch were written as one");
        assertEquals(19, largest.get());
    }

    @Test
    void aBatchCapsAtMaxBatchAndEveryItemIsStillWritten() {
        List<Integer> sizes = new ArrayList<>();
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(batch -> {
            sizes.add(batch.size());
            batch.forEach(i -> i.complete(i.value()));
        }, 1);
        for (int i = 0; i < 5; i++) {
            assertEquals(i, commit.submit(i));
        }
        assertEquals(List.of(1, 1, 1, 1, 1), sizes);
    }

    @Test
    void aWriterFailureFailsItsItemsWithTheSameExceptionAndLaterBatchesStillRun() {
        IllegalStateException down = new IllegalStateException("database down");
        AtomicInteger calls = new AtomicInteger();
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(batch -> {
            if (calls.incrementAndGet() == 1) {
                throw down;
            }
            batch.forEach(i -> i.complete(i.value()));
        }, 10);
        assertSame(down, assertThrows(IllegalStateException.class, () -> commit.submit(1)));
        assertEquals(2, commit.submit(2));
    }

    @Test
    void anItemFailedByTheWriterFailsAloneAndAnItemLeftOpenFails() {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(batch -> batch.forEach(i -> {
            if (i.value() == 1) {
                i.fail(new IllegalArgumentException("one"));
            } else if (i.value() == 2) {
                i.complete(2);
            }
        }), 10);
        assertThrows(IllegalArgumentException.class, () -> commit.submit(1));
        assertEquals(2, commit.submit(2));
        assertThrows(IllegalStateException.class, () -> commit.submit(3));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
