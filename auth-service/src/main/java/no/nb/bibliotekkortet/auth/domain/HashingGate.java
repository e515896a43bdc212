package no.nb.bibliotekkortet.auth.domain;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission to the Argon2id hashing slots: at most {@code slots} hashes at once, at most {@code maxQueued} requests
 * waiting for a slot (first come, first served), each waiting at most {@code maxWait}. A request beyond the queue is
 * refused at once; so is one whose wait runs out. Thread-safe.
 */
public final class HashingGate {

    private final Semaphore slots;
    private final int maxQueued;
    private final long maxWaitNanos;
    private final AtomicInteger queued = new AtomicInteger();

    /**
     * @param slots     hashes at once (at least 1)
     * @param maxQueued requests that may wait at once (0 = none: only a free slot admits)
     * @param maxWait   the longest wait of a queued request
     */
    public HashingGate(int slots, int maxQueued, Duration maxWait) {
        if (slots < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("slots >= 1, maxQueued >= 0");
        }
        this.slots = new Semaphore(slots, true);
        this.maxQueued = maxQueued;
        this.maxWaitNanos = maxWait.toNanos();
    }

    /**
     * Takes a slot, waiting in the queue when every slot is busy; the caller must {@link #leave()} after a true answer.
     *
     * @return true with a slot; false when the queue is full or the wait ran out (or the thread was interrupted,
     *         whose flag is then set again)
     */
    public boolean enter() {
        if (queued.get() == 0 && slots.tryAcquire()) {
            return true;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return false;
        }
        try {
            return slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            queued.decrementAndGet();
        }
    }

    /** Gives the slot back. */
    public void leave() {
        slots.release();
    }

    /** Slots free right now. */
    public int free() {
        return slots.availablePermits();
    }

    /** Requests waiting for a slot right now. */
    public int waiting() {
        return queued.get();
    }
}
