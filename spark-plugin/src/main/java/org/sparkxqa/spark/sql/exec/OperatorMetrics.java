package org.sparkxqa.spark.sql.exec;

import java.io.Serializable;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.metric.SQLMetrics;

/**
 * The SQL metrics of one batched operator, shown in the Spark UI: rows, batches (backend launches),
 * invalid rows, kernel time, bytes copied and JIT time. Created on the driver; tasks add to them.
 */
record OperatorMetrics(SQLMetric rows, SQLMetric batches, SQLMetric invalidRows, SQLMetric kernelTime,
    SQLMetric bytesCopied, SQLMetric jitTime) implements Serializable {

  static OperatorMetrics create(SparkContext sc) {
    return new OperatorMetrics(SQLMetrics.createMetric(sc, "rows"), SQLMetrics.createMetric(sc, "batches"),
        SQLMetrics.createMetric(sc, "invalid rows"), SQLMetrics.createNanoTimingMetric(sc, "kernel time", -1L),
        SQLMetrics.createSizeMetric(sc, "bytes copied", -1L), SQLMetrics.createNanoTimingMetric(sc, "JIT time", -1L));
  }

  /** By key, as {@code SparkPlan.metrics} lists them. */
  Map<String, SQLMetric> byKey() {
    return Map.of("rows", rows, "batches", batches, "invalidRows", invalidRows, "kernelTime", kernelTime,
        "bytesCopied", bytesCopied, "jitTime", jitTime);
  }
}
