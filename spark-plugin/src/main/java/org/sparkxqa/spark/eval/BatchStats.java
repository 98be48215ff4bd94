package org.sparkxqa.spark.eval;

/**
 * What one evaluated batch did, for metrics and reports.
 *
 * @param backend the backend's name, or null when no row was valid (no launch was made)
 * @param rows rows in the batch
 * @param invalidRows rows whose out is NULL: they broke the contract, or did not fit in memory alone
 * @param bytesIn q, k and v bytes handed to the backend
 * @param bytesOut out bytes it returned
 * @param launchNanos wall time of the backend calls (GPU permit waits excluded)
 * @param jitNanos kernel compile time spent during the calls on this thread
 * @param deviceNanos device time of the kernels the calls launched (0 on the CPU backend)
 * @param packedBytes request bytes the calls copied into pinned staging (0 on the CPU backend)
 * @param packNanos time that copy took on this thread
 * @param oomRetries backend calls made again, on half a batch, after running out of memory
 * @param oomSplits times the batch (or a part of it) was halved after running out of memory
 */
public record BatchStats(
        String backend,
        int rows,
        int invalidRows,
        long bytesIn,
        long bytesOut,
        long launchNanos,
        long jitNanos,
        long deviceNanos,
        long packedBytes,
        long packNanos,
        int oomRetries,
        int oomSplits) {

    /** A batch that needed no retry, on a backend that reports no device or packing time. */
    public BatchStats(
            String backend, int rows, int invalidRows, long bytesIn, long bytesOut, long launchNanos, long jitNanos) {
        this(backend, rows, invalidRows, bytesIn, bytesOut, launchNanos, jitNanos, 0, 0, 0, 0, 0);
    }

    /** A batch whose rows were all invalid: nothing was launched. */
    static BatchStats noLaunch(int rows) {
        return new BatchStats(null, rows, rows, 0, 0, 0, 0);
    }

    /** Whether a backend call was made. */
    public boolean launched() {
        return backend != null;
    }
}
