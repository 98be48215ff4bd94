package org.sparkxqa.spark.exec;

import java.io.Serializable;
import java.util.Map;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.XqaConf;

/**
 * The runtime settings of one batched evaluation, read from the session's {@code spark.xqa.*} values
 * when the query is planned: {@code batch.maxRows}, {@code batch.maxBytes}, {@code onInvalidRow}.
 * Immutable; shipped to tasks.
 *
 * @param maxRows most rows per backend launch, at least 1
 * @param maxBytes most q+k+v bytes per launch, at least 1; a larger single row forms a batch of its own
 * @param onInvalidRow fail the task, or give NULL and a reason
 */
public record BatchSettings(int maxRows, long maxBytes, InvalidRowPolicy onInvalidRow) implements Serializable {

  public BatchSettings {
    if (maxRows < 1 || maxBytes < 1 || onInvalidRow == null) {
      throw new IllegalArgumentException("maxRows and maxBytes must be positive and onInvalidRow given, got "
          + maxRows + ", " + maxBytes + ", " + onInvalidRow);
    }
  }

  /** Validates and reads the settings from a session's configuration. */
  public static BatchSettings from(Map<String, String> sessionConf) {
    XqaConf conf = XqaConf.from(sessionConf);
    return new BatchSettings(conf.get(XqaConf.BATCH_MAX_ROWS), conf.get(XqaConf.BATCH_MAX_BYTES),
        conf.get(XqaConf.ON_INVALID_ROW));
  }

  @Override
  public String toString() {
    return "maxRows=" + maxRows + ", maxBytes=" + maxBytes + ", onInvalidRow=" + onInvalidRow.configName();
  }
}
