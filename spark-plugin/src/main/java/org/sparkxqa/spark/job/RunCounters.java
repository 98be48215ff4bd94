package org.sparkxqa.spark.job;

import java.io.Serializable;
import java.util.TreeSet;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.sparkxqa.spark.exec.BatchListener;

/**
 * Counters of one evaluation, gathered from the tasks through Spark accumulators: rows, invalid
 * rows, batches (= backend calls), K/V bytes and the backends' names. Create on the driver, read
 * after the action has run. Retried tasks count twice.
 */
final class RunCounters implements Serializable {
  private final LongAccumulator rows;
  private final LongAccumulator invalidRows;
  private final LongAccumulator batches;
  private final LongAccumulator kvBytes;
  private final CollectionAccumulator<String> backends;

  RunCounters(SparkContext sc) {
    rows = sc.longAccumulator("xqa rows");
    invalidRows = sc.longAccumulator("xqa invalid rows");
    batches = sc.longAccumulator("xqa batches");
    kvBytes = sc.longAccumulator("xqa kv bytes");
    backends = sc.collectionAccumulator("xqa backends");
  }

  /** A listener for one task (it reports the backend's name once per task). */
  BatchListener taskListener() {
    return new BatchListener() {
      private String reported;

      @Override
      public void onBatch(String backend, int batchRows, int invalid, long batchKvBytes, long nanos) {
        rows.add(batchRows);
        invalidRows.add(invalid);
        batches.add(backend == null ? 0 : 1);
        kvBytes.add(batchKvBytes);
        if (backend != null && !backend.equals(reported)) {
          backends.add(backend);
          reported = backend;
        }
      }
    };
  }

  long rows() {
    return rows.value();
  }

  long invalidRows() {
    return invalidRows.value();
  }

  /** Backend calls made. */
  long batches() {
    return batches.value();
  }

  long kvBytes() {
    return kvBytes.value();
  }

  /** The distinct backend names, joined; {@code none} when no backend call was made. */
  String backendNames() {
    TreeSet<String> names = new TreeSet<>(backends.value());
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
