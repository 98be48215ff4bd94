package org.sparkxqa.spark.job.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bench's live heap: after each phase, a full collection ({@code System.gc()}, which G1 runs as a
 * full GC unless {@code -XX:+ExplicitGCInvokesConcurrent}) and the heap then in use. Unlike the heap
 * after G1's young collections (what a GC log shows), this is what the phase left reachable: the cached
 * requests and whatever else is still held. A program step (it stops the world), not for production
 * paths. Not thread-safe.
 */
public final class LiveHeap {
    private final Map<String, Long> afterPhase = new LinkedHashMap<>();

    /** Collects and records the heap in use after {@code phase}. */
    public void record(String phase) {
        System.gc();
        afterPhase.put(
                phase, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** One line: each phase and its live heap in GiB. */
    public String line() {
        return afterPhase.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f GiB", e.getKey(), e.getValue() / (double) (1L << 30)))
                .collect(Collectors.joining(", ", "heap in use after a full GC: ", ""));
    }
}
