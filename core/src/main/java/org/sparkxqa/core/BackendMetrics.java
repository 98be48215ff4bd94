package org.sparkxqa.core;

/**
 * Receives what a backend did, for metrics (the Spark plugin reports them as SQL metrics and in the
 * executor's metric registry). Every method has an empty default, so an implementation overrides
 * only what it counts. Callbacks run on the thread that called the backend, from several threads at
 * once: implementations must be thread-safe and fast (no I/O, no locks held for long).
 * Times are nanoseconds; sizes are bytes.
 */
public interface BackendMetrics {
    /** Counts nothing. */
    BackendMetrics NONE = new BackendMetrics() {};

    /**
     * A kernel variant was compiled with NVRTC for this backend.
     *
     * @param nanos wall-clock time of the compile
     */
    default void jitCompiled(long nanos) {}

    /**
     * A kernel variant was obtained without compiling: from the JIT disk cache, or from the JVM's
     * in-memory cache (compiled earlier for another backend instance).
     *
     * @param nanos wall-clock time of the lookup (disk read and hash check, or a memory hit)
     */
    default void jitCacheHit(long nanos) {}

    /**
     * One batch ran on the device: the attention kernel and, when needed, the merge kernel.
     *
     * @param kernelNanos device time between CUDA events recorded around the launches
     */
    default void launched(long kernelNanos) {}

    /**
     * Bytes moved between host and device for one batch, both directions together (inputs and tables
     * to the device, outputs back).
     */
    default void copied(long bytes) {}

    /**
     * Request bytes (q, k and v) one batch copied from their sources into host staging memory, and the
     * wall-clock time that took on the calling thread (copy threads included).
     */
    default void packed(long bytes, long nanos) {}
}
