package org.sparkxqa.spark.executor;

/**
 * The clock launch times are measured with, in nanoseconds (monotonic, any origin). An executor
 * uses {@link #SYSTEM}; tests may hand in a fake. Implementations are thread-safe.
 */
@FunctionalInterface
public interface NanoClock {
    /** {@link System#nanoTime()}. */
    NanoClock SYSTEM = System::nanoTime;

    /** The current time in nanoseconds. */
    long nanoTime();
}
