package org.sparkxqa.spark.plugin;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.util.Map;

/**
 * Executor-wide counters of Spark XQA work, shared by every task of the JVM; the executor plugin
 * registers them with Spark's metrics system (source {@code plugin.org.sparkxqa.spark.XqaPlugin}).
 * The batched operator records each launch; the GPU backend will feed the JIT counters (they stay 0
 * until it does). Thread-safe (Dropwizard counters are lock-free adders).
 */
public final class XqaMetrics {
  /** Backend launches (batches). */
  public static final Counter BATCHES = new Counter();
  /** Rows (requests) computed. */
  public static final Counter ROWS = new Counter();
  /** Rows found invalid (NULL results or task failures). */
  public static final Counter INVALID_ROWS = new Counter();
  /** Nanoseconds spent in backend launches. */
  public static final Counter KERNEL_NANOS = new Counter();
  /** Bytes handed to the backend (q, k, v) and returned by it (out). */
  public static final Counter BYTES_COPIED = new Counter();
  /** Kernels JIT-compiled. */
  public static final Counter JIT_COMPILES = new Counter();
  /** Kernels found in the JIT cache (memory or disk). */
  public static final Counter JIT_CACHE_HITS = new Counter();
  /** Nanoseconds spent JIT-compiling. */
  public static final Counter JIT_NANOS = new Counter();

  private static final ThreadLocal<long[]> JIT_NANOS_OF_THREAD = ThreadLocal.withInitial(() -> new long[1]);

  private XqaMetrics() {}

  /** The metrics by the name they are registered under. */
  public static Map<String, Counter> all() {
    return Map.of("batches", BATCHES, "rows", ROWS, "invalidRows", INVALID_ROWS, "kernelNanos", KERNEL_NANOS,
        "bytesCopied", BYTES_COPIED, "jitCompiles", JIT_COMPILES, "jitCacheHits", JIT_CACHE_HITS, "jitNanos", JIT_NANOS);
  }

  /** Registers every counter in {@code registry} (idempotent per registry). */
  public static void registerIn(MetricRegistry registry) {
    all().forEach((name, counter) -> {
      if (!registry.getMetrics().containsKey(name)) {
        registry.register(name, counter);
      }
    });
  }

  /** Records one backend launch. */
  public static void recordBatch(int rows, long nanos, long bytes) {
    BATCHES.inc();
    ROWS.inc(rows);
    KERNEL_NANOS.inc(nanos);
    BYTES_COPIED.inc(bytes);
  }

  /** Records one JIT compile done on the calling thread. */
  public static void recordJitCompile(long nanos) {
    JIT_COMPILES.inc();
    JIT_NANOS.inc(nanos);
    JIT_NANOS_OF_THREAD.get()[0] += nanos;
  }

  public static void recordJitCacheHit() {
    JIT_CACHE_HITS.inc();
  }

  /** JIT nanoseconds recorded so far on the calling thread (for per-operator SQL metrics). */
  public static long jitNanosOfThisThread() {
    return JIT_NANOS_OF_THREAD.get()[0];
  }
}
