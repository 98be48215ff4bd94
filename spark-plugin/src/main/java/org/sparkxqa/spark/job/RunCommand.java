package org.sparkxqa.spark.job;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionSpec;
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
  @Mixin KvScaleOptions kvScales;
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

  @Option(names = "--report", paramLabel = "FILE",
      description = "Also write the summary as JSON: rows, invalid rows, batches, and each executor's backend and GPU.")
  Path report;

  @Override
  public Integer call() {
    AttentionSpec spec = kvScales.apply(command, score.apply(command, shape.spec(command, true)));
    SparkSession spark = session.open("xqa run", evaluation.settings(command));
    long start = System.nanoTime();
    RunReport result = run(spark, spec, input, output, treeColumn, overwrite);
    new TextTable("rows", "invalid", "batches", "backend", "time", "output")
        .row(result.rows(), result.invalidRows(), result.batches(), result.backendNames(),
            TextTable.seconds(System.nanoTime() - start), output)
        .print(command.commandLine().getOut());
    TextTable executors = new TextTable("executor", "backend", "gpu");
    result.executors().forEach(u -> executors.row(u.executorId(), u.backend(), u.gpu() == null ? "none" : u.gpu()));
    executors.print(command.commandLine().getOut());
    if (report != null) {
      result.writeJson(report);
    }
    return 0;
  }

  /**
   * Reads {@code input}, evaluates every row through {@code xqa_attention_result} with {@code spark}'s
   * {@code spark.xqa.*} settings and writes {@code output}. {@code spark} should be private to this
   * run (see {@link JobSession}).
   */
  static RunReport run(SparkSession spark, AttentionSpec spec, String input, String output, String treeColumn,
      boolean overwrite) {
    Dataset<Row> in = spark.read().parquet(input);
    String tree = treeColumn != null ? treeColumn : RequestColumns.TREE;
    Dataset<Row> out = AttentionRunner.apply(in, spec, JobSession.onInvalidRow(spark), tree, treeColumn != null);
    return RunReport.of(ExecutedOperators.of(spark,
        () -> out.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(output)));
  }
}
