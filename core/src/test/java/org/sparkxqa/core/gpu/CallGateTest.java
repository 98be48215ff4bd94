package org.sparkxqa.core.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing waits for the calls inside, refuses new ones, and gives up after its limit. */
class CallGateTest {
    @Test
    void closeWaitsForTheCallInsideAndThenRefusesNewCalls() throws Exception {
        CallGate gate = new CallGate("gpu:0");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
            try (CallGate.Pass pass = gate.enter()) {
                entered.countDown();
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        CompletableFuture<Integer> close =
                CompletableFuture.supplyAsync(() -> gate.closeAndDrain(Duration.ofSeconds(20)));
        Thread.sleep(200);
        assertFalse(close.isDone(), "close returned while a call was inside");
        release.countDown();
        assertEquals(0, close.get(10, TimeUnit.SECONDS));
        call.get(10, TimeUnit.SECONDS);
        IllegalStateException e = assertThrows(IllegalStateException.class, gate::enter);
        assertEquals("gpu:0 is closed", e.getMessage());
    }

    @Test
    void closeGivesUpAfterItsLimitAndSaysHowManyCallsAreStillInside() {
        CallGate gate = new CallGate("gpu:0");
        CallGate.Pass stuck = gate.enter();
        long t0 = System.nanoTime();
        assertEquals(1, gate.closeAndDrain(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - t0 >= 90_000_000L, "waited less than its limit");
        assertTrue(gate.closed());
        stuck.close();
    }

    @Test
    void anIdleGateClosesAtOnce() {
        CallGate gate = new CallGate("gpu:0");
        gate.enter().close();
        assertEquals(0, gate.closeAndDrain(Duration.ofSeconds(5)));
    }
}
