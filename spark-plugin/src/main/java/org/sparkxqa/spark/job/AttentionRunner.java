package org.sparkxqa.spark.job;

import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.exec.BatchEvaluator;
import org.sparkxqa.spark.exec.EvaluationOptions;
import org.sparkxqa.spark.exec.PartitionEvaluator;
import org.sparkxqa.spark.exec.SharedBackends;

/**
 * Adds {@code out} (and, under the NULL policy, {@code xqa_error}) to a table of requests: each
 * partition goes through a {@link PartitionEvaluator} with the executor's shared backend. Other
 * columns pass through unchanged; no row is dropped. Lazy like any Dataset transformation.
 */
final class AttentionRunner {
  private AttentionRunner() {}

  /**
   * @param treeColumn the draft-tree column name
   * @param treeRequired whether a missing tree column is an error
   * @throws UserInputException when the input lacks the request columns or already has {@code out}
   */
  static Dataset<Row> apply(Dataset<Row> input, AttentionSpec spec, EvaluationOptions options,
      String treeColumn, boolean treeRequired, RunCounters counters) {
    RequestColumns columns = RequestColumns.resolve(input.schema(), treeColumn, treeRequired);
    StructType outSchema = columns.outputSchema(options.onInvalidRow());
    MapPartitionsFunction<Row, Row> evaluate = rows -> evaluatePartition(rows, spec, options, columns, counters);
    return input.mapPartitions(evaluate, Encoders.row(outSchema));
  }

  /**
   * With a local master the driver is the executor: opens the shared backend now, so that a missing
   * one ({@code --backend gpu} without a GPU) fails before any Spark work and the tasks reuse it.
   */
  static void openBackendIfLocal(SparkSession spark, EvaluationOptions options) {
    if (spark.sparkContext().isLocal()) {
      SharedBackends.get(options.backend());
    }
  }

  private static Iterator<Row> evaluatePartition(Iterator<Row> rows, AttentionSpec spec, EvaluationOptions options,
      RequestColumns columns, RunCounters counters) {
    TaskContext task = TaskContext.get();
    int partition = task == null ? -1 : task.partitionId();
    BatchEvaluator batches = new BatchEvaluator(spec, () -> SharedBackends.get(options.backend()),
        options.onInvalidRow(), counters.taskListener());
    long[] position = {0};
    PartitionEvaluator<Row, Row> evaluator = new PartitionEvaluator<>(
        row -> columns.read(row, partition, position[0]++),
        (row, result) -> columns.write(row, result, options.onInvalidRow()),
        batches, options);
    return evaluator.evaluate(rows);
  }
}
