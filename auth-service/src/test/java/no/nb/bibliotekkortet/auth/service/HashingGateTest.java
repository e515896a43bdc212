package no.nb.bibliotekkortet.auth.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import no.nb.bibliotekkortet.auth.domain.HashingGate;
import org.junit.jupiter.api.Test;

/** The bounded queue in front of the hashing slots (issue 20): waits while there is room, refuses beyond it. */
class HashingGateTest {

    @Test
    void aRequestBeyondTheQueueIsRefusedAtOnceWhileQueuedOnesGetTheSlotInTurn() throws Exception {
        // One slot, room for one waiting request, a wait far longer than this test.
        HashingGate gate = new HashingGate(1, 1, Duration.ofHours(1));
        assertTrue(gate.enter(), "a free slot admits at once");
        CompletableFuture<Boolean> queued = CompletableFuture.supplyAsync(gate::enter);
        while (gate.waiting() == 0) {
            Thread.onSpinWait();
        }
        assertFalse(gate.enter(), "the queue is full: refused without waiting");
        assertEquals(1, gate.waiting());
        gate.leave();
        assertTrue(queued.get(), "the queued request gets the slot that was given back");
        assertEquals(0, gate.waiting());
        assertEquals(0, gate.free());
        gate.leave();
        assertEquals(1, gate.free());
    }

    @Test
    void withoutAQueueOnlyAFreeSlotAdmitsAndAWaitThatRunsOutIsRefused() {
        HashingGate none = new HashingGate(1, 0, Duration.ofHours(1));
        assertTrue(none.enter());
        assertFalse(none.enter(), "no queue: refused at once");
        none.leave();
        HashingGate shortWait = new HashingGate(1, 4, Duration.ZERO);
        assertTrue(shortWait.enter());
        assertFalse(shortWait.enter(), "a zero wait runs out at once");
        assertEquals(0, shortWait.waiting());
    }
}
