package org.sparkxqa.spark.batch;

import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.QueryBackend;

/**
 * The settings of one batched evaluation on an executor, with a concrete byte budget: what batch
 * cutting ({@link RowBatcher}) and evaluation use. Made from the planned {@link BatchSettings} by
 * {@link BatchBudget#resolve}, so {@code auto} cannot reach the batcher. Immutable.
 *
 * @param maxRows most rows per backend launch, at least 1
 * @param maxBytes most q+k+v bytes per launch, at least 1; a larger single row forms a batch of its own
 * @param onInvalidRow fail the task, or give NULL and a reason
 * @param backend the executor's backend, or the CPU backend
 */
public record ResolvedBatchSettings(int maxRows, long maxBytes, InvalidRowPolicy onInvalidRow, QueryBackend backend) {

    public ResolvedBatchSettings {
        if (maxRows < 1 || maxBytes < 1 || onInvalidRow == null || backend == null) {
            throw new IllegalArgumentException(
                    "maxRows and maxBytes must be positive, onInvalidRow and backend given, got " + maxRows + ", "
                            + maxBytes + ", " + onInvalidRow + ", " + backend);
        }
    }

    /** Settings on the executor's backend. */
    public ResolvedBatchSettings(int maxRows, long maxBytes, InvalidRowPolicy onInvalidRow) {
        this(maxRows, maxBytes, onInvalidRow, QueryBackend.EXECUTOR);
    }
}
