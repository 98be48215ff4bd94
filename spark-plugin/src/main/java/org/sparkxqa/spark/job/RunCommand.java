package org.sparkxqa.spark.job;

import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.exec.EvaluationOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xqa run}: Parquet in, the same rows plus {@code out} (and {@code xqa_error}) out. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Compute spec-dec attention for every row of a Parquet table; writes all columns plus 'out'.")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ShapeOptions shape;
  @Mixin ScoreOptions score;
  @Mixin EvaluationFlags evaluation;
  @Mixin SessionOptions session;

  @Option(names = "--input", required = true, paramLabel = "IN", description = "Parquet input with q, k, v (BINARY) and optionally id, tree.")
  String input;

  @Option(names = "--output", required = true, paramLabel = "OUT", description = "Parquet folder to write.")
  String output;

  @Option(names = "--tree-column", paramLabel = "NAME", description = "Draft-tree column (default: tree, if present).")
  String treeColumn;

  @Option(names = "--overwrite", description = "Replace the output folder if it exists.")
  boolean overwrite;

  @Override
  public Integer call() {
    AttentionSpec spec = score.apply(command, shape.spec(command, true));
    EvaluationOptions options = evaluation.resolve(command);
    SparkSession spark = session.open("xqa run");
    long start = System.nanoTime();
    RunCounters counters = run(spark, spec, options, input, output, treeColumn, overwrite);
    new TextTable("rows", "invalid", "batches", "backend", "time", "output")
        .row(counters.rows(), counters.invalidRows(), counters.batches(), counters.backendNames(),
            TextTable.seconds(System.nanoTime() - start), output)
        .print(command.commandLine().getOut());
    return 0;
  }

  /** Reads {@code input}, evaluates every row and writes {@code output}; returns the counters. */
  static RunCounters run(SparkSession spark, AttentionSpec spec, EvaluationOptions options, String input,
      String output, String treeColumn, boolean overwrite) {
    AttentionRunner.openBackendIfLocal(spark, options);
    Dataset<Row> in = spark.read().parquet(input);
    RunCounters counters = new RunCounters(spark.sparkContext());
    String tree = treeColumn != null ? treeColumn : RequestColumns.TREE;
    AttentionRunner.apply(in, spec, options, tree, treeColumn != null, counters)
        .write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(output);
    return counters;
  }
}
