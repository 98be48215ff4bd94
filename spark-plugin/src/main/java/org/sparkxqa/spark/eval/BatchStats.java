package org.sparkxqa.spark.eval;

/**
 * What one evaluated batch did, for metrics and reports.
 *
 * @param backend the backend's name, or null when no row was valid (no launch was made)
 * @param rows rows in the batch
 * @param invalidRows rows that broke the contract (their out is NULL)
 * @param bytesIn q, k and v bytes handed to the backend
 * @param bytesOut out bytes it returned
 * @param launchNanos wall time of the backend call (GPU permit wait excluded)
 * @param jitNanos kernel compile time spent during the call on this thread
 */
public record BatchStats(String backend, int rows, int invalidRows, long bytesIn, long bytesOut, long launchNanos,
    long jitNanos) {

  /** A batch whose rows were all invalid: nothing was launched. */
  static BatchStats noLaunch(int rows) {
    return new BatchStats(null, rows, rows, 0, 0, 0, 0);
  }

  /** Whether a backend call was made. */
  public boolean launched() {
    return backend != null;
  }
}
