package org.sparkxqa.spark.exec;

/** Told about every evaluated batch (for counters and metrics). Called on the task's thread. */
@FunctionalInterface
public interface BatchListener {
  /** Ignores everything. */
  BatchListener NONE = (backend, rows, invalidRows, kvBytes, nanos) -> {};

  /**
   * @param backend the backend's name, or null when no row of the batch was valid (no call was made)
   * @param rows rows in the batch
   * @param invalidRows rows that broke the contract (their out is NULL)
   * @param kvBytes K and V bytes of the valid rows
   * @param nanos wall time of the batch, validation included
   */
  void onBatch(String backend, int rows, int invalidRows, long kvBytes, long nanos);
}
