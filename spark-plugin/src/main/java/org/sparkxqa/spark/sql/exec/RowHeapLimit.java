package org.sparkxqa.spark.sql.exec;

/**
 * The failure for a row the row path cannot hold on the executor's heap. The row path holds a
 * request's row about four times (the child's row, the q/k/v arrays for the backend, the output row;
 * docs/RELIABILITY.md, "Big rows"); when copying a row's values out of Spark's row, or building its
 * output row, runs out of Java heap, the task fails with this message, which names the row, its size,
 * the heap limit and what to change, instead of a bare {@link OutOfMemoryError}. The JVM's error is
 * not kept as the cause: Spark kills the executor (in local mode the whole application) for any
 * exception with an {@code OutOfMemoryError} in its causes, while the allocation that failed here is
 * one large array for one row, which left the heap as it was. Stateless.
 */
final class RowHeapLimit {
    private static final long MIB = 1L << 20;

    private RowHeapLimit() {}

    /**
     * @param row how the row is named, e.g. {@code id=7} or {@code the row at position 3 of partition 0}
     * @param rowBytes the row's size in bytes, or -1 when unknown
     * @param step what ran out, e.g. {@code copying its q, k and v for the backend}
     * @param error the JVM's error, whose message is quoted
     */
    static IllegalStateException exceeded(String row, long rowBytes, String step, OutOfMemoryError error) {
        long maxMiB = Runtime.getRuntime().maxMemory() / MIB;
        String size = rowBytes < 0 ? "" : " (" + rowBytes + " bytes)";
        String need = rowBytes < 0
                ? "at least 4 x the largest row + 1 GiB"
                : "at least " + (4 * rowBytes / MIB + 1024) + " MiB (4 x the row + 1 GiB)";
        return new IllegalStateException(row + size + ": the Java heap (max " + maxMiB + " MiB) ran out while " + step
                + ". The row path holds a row about 4 times: give the executor " + need
                + " of heap (spark.executor.memory, or -Xmx in XQA_JAVA_OPTS for ./xqa), or read the requests"
                + " from Parquet through the columnar path, whose scan vectors are off the heap"
                + " (spark.sql.columnVector.offheap.enabled=true, as the job's sessions set it). JVM: "
                + error.getMessage());
    }
}
