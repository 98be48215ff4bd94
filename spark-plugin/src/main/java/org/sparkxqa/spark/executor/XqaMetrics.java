package org.sparkxqa.spark.executor;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.util.Map;

/**
 * Executor-wide counters of Spark XQA work, shared by every task of the executor (one instance in
 * its {@link ExecutorServices}); the executor plugin registers them with Spark's metrics system
 * (source {@code plugin.org.sparkxqa.spark.XqaPlugin}). The batched operator records each launch;
 * the GPU backend feeds the JIT, device-time and packing counters, on the thread that called it. Thread-safe (Dropwizard counters are lock-free adders).
 */
public final class XqaMetrics {
    /** Backend launches (batches). */
    public final Counter batches = new Counter();
    /** Rows (requests) computed. */
    public final Counter rows = new Counter();
    /** Rows found invalid (NULL results or task failures). */
    public final Counter invalidRows = new Counter();
    /** Nanoseconds of wall time the tasks spent inside backend calls (packing, copies, launches, waits). */
    public final Counter backendNanos = new Counter();
    /** Bytes handed to the backend (q, k, v) and returned by it (out). */
    public final Counter bytesCopied = new Counter();
    /** Kernels JIT-compiled. */
    public final Counter jitCompiles = new Counter();
    /** Kernels found in the JIT cache (memory or disk). */
    public final Counter jitCacheHits = new Counter();
    /** Nanoseconds spent JIT-compiling. */
    public final Counter jitNanos = new Counter();
    /** Device time of the attention and merge kernels (between CUDA events), nanoseconds. */
    public final Counter deviceNanos = new Counter();
    /** Request bytes copied into pinned staging memory for the GPU. */
    public final Counter packedBytes = new Counter();
    /** Nanoseconds the calling threads spent on that copy (its helper threads included). */
    public final Counter packNanos = new Counter();
    /** Backend calls made again, on half a batch, after running out of device or pinned memory. */
    public final Counter oomRetries = new Counter();
    /** Batches halved after running out of device or pinned memory. */
    public final Counter oomSplits = new Counter();

    private final ThreadLocal<long[]> ofThread = ThreadLocal.withInitial(() -> new long[4]);
    private volatile XqaMetrics forward;

    /** The metrics by the name they are registered under. */
    public Map<String, Counter> all() {
        return Map.ofEntries(
                Map.entry("batches", batches),
                Map.entry("rows", rows),
                Map.entry("invalidRows", invalidRows),
                Map.entry("backendNanos", backendNanos),
                Map.entry("deviceNanos", deviceNanos),
                Map.entry("packedBytes", packedBytes),
                Map.entry("packNanos", packNanos),
                Map.entry("bytesCopied", bytesCopied),
                Map.entry("jitCompiles", jitCompiles),
                Map.entry("jitCacheHits", jitCacheHits),
                Map.entry("jitNanos", jitNanos),
                Map.entry("oomRetries", oomRetries),
                Map.entry("oomSplits", oomSplits));
    }

    /** Registers every counter in {@code registry} (idempotent per registry). */
    public void registerIn(MetricRegistry registry) {
        all().forEach((name, counter) -> {
            if (!registry.getMetrics().containsKey(name)) {
                registry.register(name, counter);
            }
        });
    }

    /** Records one backend launch. */
    public void recordBatch(int rowCount, long nanos, long bytes) {
        batches.inc();
        rows.inc(rowCount);
        backendNanos.inc(nanos);
        bytesCopied.inc(bytes);
    }

    /**
     * From now on, what a backend records here (JIT, device time, packing) goes to {@code target}:
     * newer services adopted the backends these metrics were given to ({@link ExecutorServicesRegistry}).
     */
    void forwardTo(XqaMetrics target) {
        forward = target == this ? null : target;
    }

    /** Records one JIT compile done on the calling thread. */
    public void recordJitCompile(long nanos) {
        XqaMetrics f = forward;
        if (f != null) {
            f.recordJitCompile(nanos);
            return;
        }
        jitCompiles.inc();
        jitNanos.inc(nanos);
        ofThread.get()[0] += nanos;
    }

    public void recordJitCacheHit() {
        XqaMetrics f = forward;
        if (f != null) {
            f.recordJitCacheHit();
            return;
        }
        jitCacheHits.inc();
    }

    /** Records the device time of one launch made on the calling thread. */
    public void recordDevice(long nanos) {
        XqaMetrics f = forward;
        if (f != null) {
            f.recordDevice(nanos);
            return;
        }
        deviceNanos.inc(nanos);
        ofThread.get()[1] += nanos;
    }

    /** Records one copy into pinned staging made by the calling thread. */
    public void recordPack(long bytes, long nanos) {
        XqaMetrics f = forward;
        if (f != null) {
            f.recordPack(bytes, nanos);
            return;
        }
        packedBytes.inc(bytes);
        packNanos.inc(nanos);
        long[] t = ofThread.get();
        t[2] += bytes;
        t[3] += nanos;
    }

    /** What the calling thread recorded so far (for per-operator SQL metrics: take the difference). */
    public ThreadTotals ofThisThread() {
        long[] t = ofThread.get();
        return new ThreadTotals(t[0], t[1], t[2], t[3]);
    }

    /** Totals one thread recorded: JIT and device nanoseconds, bytes packed and the time packing took. */
    public record ThreadTotals(long jitNanos, long deviceNanos, long packedBytes, long packNanos) {
        /** These totals less {@code earlier}. */
        public ThreadTotals minus(ThreadTotals earlier) {
            return new ThreadTotals(
                    jitNanos - earlier.jitNanos,
                    deviceNanos - earlier.deviceNanos,
                    packedBytes - earlier.packedBytes,
                    packNanos - earlier.packNanos);
        }

        /** The sum of these totals and {@code other}. */
        public ThreadTotals plus(ThreadTotals other) {
            return new ThreadTotals(
                    jitNanos + other.jitNanos,
                    deviceNanos + other.deviceNanos,
                    packedBytes + other.packedBytes,
                    packNanos + other.packNanos);
        }
    }
}
