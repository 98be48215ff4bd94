package org.sparkxqa.spark.sql;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/** The largest heap use seen while open, sampled every 10 ms on a daemon thread. Closing stops it. */
final class HeapPeak implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;

    HeapPeak() {
        sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** The peak so far, in bytes. */
    long bytes() {
        return peak.get();
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
