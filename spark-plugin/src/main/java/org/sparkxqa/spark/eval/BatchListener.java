package org.sparkxqa.spark.eval;

/** Told about every evaluated batch (for metrics and reports). Called on the task's thread. */
@FunctionalInterface
public interface BatchListener {
    /** Ignores everything. */
    BatchListener NONE = stats -> {};

    /** A batch was evaluated. */
    void onBatch(BatchStats stats);

    /** A row failed its task under {@code onInvalidRow=fail}; called just before the failure is thrown. */
    default void onFailingRow(InvalidRowException failure) {}
}
