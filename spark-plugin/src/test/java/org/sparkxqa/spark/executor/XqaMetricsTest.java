package org.sparkxqa.spark.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * What a backend records reaches the services that use it: per thread for the operator's metrics,
 * and through a forward when newer services adopted the backend (the plugin taking over a backend the
 * job opened before it ran).
 */
class XqaMetricsTest {

    @Test
    void recordsAreCountedAndSeenPerThread() {
        XqaMetrics m = new XqaMetrics();
        XqaMetrics.ThreadTotals before = m.ofThisThread();
        m.recordDevice(70);
        m.recordPack(1000, 30);
        m.recordJitCompile(5);
        XqaMetrics.ThreadTotals delta = m.ofThisThread().minus(before);
        assertEquals(new XqaMetrics.ThreadTotals(5, 70, 1000, 30), delta);
        assertEquals(70, m.deviceNanos.getCount());
        assertEquals(1000, m.packedBytes.getCount());
        assertEquals(1, m.jitCompiles.getCount());
    }

    @Test
    void anAdoptedBackendsRecordsGoToTheNewMetrics() {
        XqaMetrics early = new XqaMetrics();
        XqaMetrics plugin = new XqaMetrics();
        early.forwardTo(plugin);
        XqaMetrics.ThreadTotals before = plugin.ofThisThread();
        early.recordDevice(9);
        early.recordPack(64, 2);
        early.recordJitCacheHit();
        assertEquals(
                new XqaMetrics.ThreadTotals(0, 9, 64, 2), plugin.ofThisThread().minus(before));
        assertEquals(1, plugin.jitCacheHits.getCount());
        assertEquals(0, early.deviceNanos.getCount());
        early.forwardTo(early);
        early.recordDevice(1);
        assertEquals(1, early.deviceNanos.getCount(), "forwarding to itself stops the forward");
    }
}
