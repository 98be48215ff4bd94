package org.sparkxqa.spark.batch;

import java.io.Serializable;
import java.util.Map;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.MaxBytes;
import org.sparkxqa.spark.config.QueryBackend;
import org.sparkxqa.spark.config.XqaConf;

/**
 * The runtime settings of one batched evaluation as the query plans them, read from the session's
 * {@code spark.xqa.*} values: {@code batch.maxRows}, {@code batch.maxBytes} (possibly {@code auto}),
 * {@code onInvalidRow}, {@code queryBackend}. Immutable; shipped to tasks, which turn it into
 * {@link ResolvedBatchSettings} on their executor ({@link BatchBudget#resolve}).
 *
 * @param maxRows most rows per backend launch, at least 1
 * @param maxBytes most q+k+v bytes per launch, or {@code auto}: derived per executor
 * @param onInvalidRow fail the task, or give NULL and a reason
 * @param backend the executor's backend, or the CPU backend
 */
public record BatchSettings(int maxRows, MaxBytes maxBytes, InvalidRowPolicy onInvalidRow, QueryBackend backend)
        implements Serializable {

    public BatchSettings {
        if (maxRows < 1 || maxBytes == null || onInvalidRow == null || backend == null) {
            throw new IllegalArgumentException(
                    "maxRows must be positive, maxBytes, onInvalidRow and backend given, got " + maxRows + ", "
                            + maxBytes + ", " + onInvalidRow + ", " + backend);
        }
    }

    /** Settings on the executor's backend. */
    public BatchSettings(int maxRows, MaxBytes maxBytes, InvalidRowPolicy onInvalidRow) {
        this(maxRows, maxBytes, onInvalidRow, QueryBackend.EXECUTOR);
    }

    /** Validates and reads the settings from a session's configuration. */
    public static BatchSettings from(Map<String, String> sessionConf) {
        XqaConf conf = XqaConf.from(sessionConf);
        return new BatchSettings(
                conf.get(XqaConf.BATCH_MAX_ROWS),
                conf.get(XqaConf.BATCH_MAX_BYTES),
                conf.get(XqaConf.ON_INVALID_ROW),
                conf.get(XqaConf.QUERY_BACKEND));
    }

    /** These settings with the byte budget {@code bytes} decided on the executor. */
    public ResolvedBatchSettings resolvedTo(long bytes) {
        return new ResolvedBatchSettings(maxRows, bytes, onInvalidRow, backend);
    }

    @Override
    public String toString() {
        return "maxRows=" + maxRows + ", maxBytes=" + maxBytes + ", onInvalidRow=" + onInvalidRow.configName()
                + (backend == QueryBackend.EXECUTOR ? "" : ", backend=" + backend.configName());
    }
}
