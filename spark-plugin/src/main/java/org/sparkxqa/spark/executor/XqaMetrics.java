package org.sparkxqa.spark.executor;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.util.Map;

/**
 * Executor-wide counters of Spark XQA work, shared by every task of the executor (one instance in
 * its {@link ExecutorServices}); the executor plugin registers them with Spark's metrics system
 * (source {@code plugin.org.sparkxqa.spark.XqaPlugin}). The batched operator records each launch;
 * the GPU backend feeds the JIT counters. Thread-safe (Dropwizard counters are lock-free adders).
 */
public final class XqaMetrics {
    /** Backend launches (batches). */
    public final Counter batches = new Counter();
    /** Rows (requests) computed. */
    public final Counter rows = new Counter();
    /** Rows found invalid (NULL results or task failures). */
    public final Counter invalidRows = new Counter();
    /** Nanoseconds spent in backend launches. */
    public final Counter kernelNanos = new Counter();
    /** Bytes handed to the backend (q, k, v) and returned by it (out). */
    public final Counter bytesCopied = new Counter();
    /** Kernels JIT-compiled. */
    public final Counter jitCompiles = new Counter();
    /** Kernels found in the JIT cache (memory or disk). */
    public final Counter jitCacheHits = new Counter();
    /** Nanoseconds spent JIT-compiling. */
    public final Counter jitNanos = new Counter();
    /** Backend calls made again, on half a batch, after running out of device or pinned memory. */
    public final Counter oomRetries = new Counter();
    /** Batches halved after running out of device or pinned memory. */
    public final Counter oomSplits = new Counter();

    private final ThreadLocal<long[]> jitNanosOfThread = ThreadLocal.withInitial(() -> new long[1]);

    /** The metrics by the name they are registered under. */
    public Map<String, Counter> all() {
        return Map.of(
                "batches",
                batches,
                "rows",
                rows,
                "invalidRows",
                invalidRows,
                "kernelNanos",
                kernelNanos,
                "bytesCopied",
                bytesCopied,
                "jitCompiles",
                jitCompiles,
                "jitCacheHits",
                jitCacheHits,
                "jitNanos",
                jitNanos,
                "oomRetries",
                oomRetries,
                "oomSplits",
                oomSplits);
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
        kernelNanos.inc(nanos);
        bytesCopied.inc(bytes);
    }

    /** Records one JIT compile done on the calling thread. */
    public void recordJitCompile(long nanos) {
        jitCompiles.inc();
        jitNanos.inc(nanos);
        jitNanosOfThread.get()[0] += nanos;
    }

    public void recordJitCacheHit() {
        jitCacheHits.inc();
    }

    /** JIT nanoseconds recorded so far on the calling thread (for per-operator SQL metrics). */
    public long jitNanosOfThisThread() {
        return jitNanosOfThread.get()[0];
    }
}
