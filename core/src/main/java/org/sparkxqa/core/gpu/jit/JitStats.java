package org.sparkxqa.core.gpu.jit;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one {@link JitCache}, for metrics and benchmarks. Updated lock-free; thread-safe.
 * Times are nanoseconds of wall-clock time in the thread that did the work.
 */
public final class JitStats {
    final LongAdder compiles = new LongAdder();
    final LongAdder compileNanos = new LongAdder();
    final LongAdder diskHits = new LongAdder();
    final LongAdder diskLoadNanos = new LongAdder();
    final LongAdder memoryHits = new LongAdder();
    final LongAdder corruptFiles = new LongAdder();
    final LongAdder diskWriteFailures = new LongAdder();

    /**
     * A consistent-enough copy of the counters.
     *
     * @param compiles NVRTC compiles run
     * @param compileNanos time spent in them
     * @param diskHits CUBINs read (and verified) from the disk cache
     * @param diskLoadNanos time spent reading and verifying them
     * @param memoryHits requests served from memory, including waits on another thread's compile
     * @param corruptFiles disk files that failed verification and were recompiled
     * @param diskWriteFailures disk stores that failed (the CUBIN was still returned)
     */
    public record Snapshot(
            long compiles,
            long compileNanos,
            long diskHits,
            long diskLoadNanos,
            long memoryHits,
            long corruptFiles,
            long diskWriteFailures) {

        /** Total requests served. */
        public long requests() {
            return compiles + diskHits + memoryHits;
        }

        @Override
        public String toString() {
            return String.format(
                    "compiles=%d (%.1f ms), diskHits=%d (%.2f ms), memoryHits=%d, corruptFiles=%d,"
                            + " diskWriteFailures=%d",
                    compiles,
                    compileNanos / 1e6,
                    diskHits,
                    diskLoadNanos / 1e6,
                    memoryHits,
                    corruptFiles,
                    diskWriteFailures);
        }
    }

    /** The current values. */
    public Snapshot snapshot() {
        return new Snapshot(
                compiles.sum(),
                compileNanos.sum(),
                diskHits.sum(),
                diskLoadNanos.sum(),
                memoryHits.sum(),
                corruptFiles.sum(),
                diskWriteFailures.sum());
    }
}
