package org.sparkxqa.spark.exec;

import java.io.Serializable;
import java.util.Map;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.QueryBackend;
import org.sparkxqa.spark.config.XqaConf;

/**
 * The runtime settings of one batched evaluation, read from the session's {@code spark.xqa.*} values
 * when the query is planned: {@code batch.maxRows}, {@code batch.maxBytes}, {@code onInvalidRow},
 * {@code queryBackend}. Immutable; shipped to tasks, which {@link #withMaxBytes resolve} an
 * {@code auto} byte budget on their executor ({@link BatchBudget}).
 *
 * @param maxRows most rows per backend launch, at least 1
 * @param maxBytes most q+k+v bytes per launch, at least 1, or {@link XqaConf#AUTO_BYTES} (0): derived
 *     per executor; a larger single row forms a batch of its own
 * @param onInvalidRow fail the task, or give NULL and a reason
 * @param backend the executor's backend, or the CPU backend
 */
public record BatchSettings(int maxRows, long maxBytes, InvalidRowPolicy onInvalidRow, QueryBackend backend)
    implements Serializable {

  public BatchSettings {
    if (maxRows < 1 || maxBytes < 0 || onInvalidRow == null || backend == null) {
      throw new IllegalArgumentException("maxRows must be positive, maxBytes positive or auto (0), onInvalidRow and "
          + "backend given, got " + maxRows + ", " + maxBytes + ", " + onInvalidRow + ", " + backend);
    }
  }

  /** Settings on the executor's backend. */
  public BatchSettings(int maxRows, long maxBytes, InvalidRowPolicy onInvalidRow) {
    this(maxRows, maxBytes, onInvalidRow, QueryBackend.EXECUTOR);
  }

  /** Validates and reads the settings from a session's configuration. */
  public static BatchSettings from(Map<String, String> sessionConf) {
    XqaConf conf = XqaConf.from(sessionConf);
    return new BatchSettings(conf.get(XqaConf.BATCH_MAX_ROWS), conf.get(XqaConf.BATCH_MAX_BYTES),
        conf.get(XqaConf.ON_INVALID_ROW), conf.get(XqaConf.QUERY_BACKEND));
  }

  /** Whether the byte budget is {@code auto} (still to be derived on the executor). */
  public boolean autoBytes() {
    return maxBytes == XqaConf.AUTO_BYTES;
  }

  /** These settings with a concrete byte budget (at least 1). */
  public BatchSettings withMaxBytes(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("a resolved byte budget must be >= 1, got " + bytes);
    }
    return new BatchSettings(maxRows, bytes, onInvalidRow, backend);
  }

  @Override
  public String toString() {
    return "maxRows=" + maxRows + ", maxBytes=" + (autoBytes() ? "auto" : Long.toString(maxBytes)) + ", onInvalidRow="
        + onInvalidRow.configName() + (backend == QueryBackend.EXECUTOR ? "" : ", backend=" + backend.configName());
  }
}
