package org.sparkxqa.spark.job;

import java.util.Map;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code xqa bench}: end-to-end Spark throughput of the backend in use on cached synthetic requests
 * (requests/s and K/V bytes read per second), one line per iteration. A program, not a test.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure requests/s and KV GB/s of the backend in use on cached synthetic requests."
        + " Shape flags default to bf16, Hq=8, Hkv=2, D=128.")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ShapeOptions shape;
  @Mixin ScoreOptions score;
  @Mixin EvaluationFlags evaluation;
  @Mixin SessionOptions session;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "2000", description = "Requests (default ${DEFAULT-VALUE}).")
  long rows;

  @Option(names = "--max-q-len", paramLabel = "L", defaultValue = "8", description = "Largest Lq (default ${DEFAULT-VALUE}).")
  int maxQLen;

  @Option(names = "--max-kv-len", paramLabel = "L", defaultValue = "1024", description = "Largest Lk (default ${DEFAULT-VALUE}).")
  int maxKvLen;

  @Option(names = "--iterations", paramLabel = "N", defaultValue = "3", description = "Timed passes (default ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--partitions", paramLabel = "P", description = "Partitions (default: Spark's default parallelism).")
  Integer partitions;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    AttentionSpec spec = score.apply(command, shape.spec(command, false));
    Map<String, String> settings = evaluation.settings(command);
    if (rows < 1 || iterations < 1 || (partitions != null && partitions < 1)) {
      throw new ParameterException(command.commandLine(), "--rows, --iterations and --partitions must be >= 1");
    }
    RequestGenerator generator = RequestGenerator.checked(command, spec, maxQLen, maxKvLen, seed);
    SparkSession spark = session.open("xqa bench", settings);
    int p = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
    Dataset<Row> requests = generator.generate(spark, rows, p).cache();
    long kvBytes = requests.selectExpr("sum(length(k) + length(v))").first().getLong(0);
    Dataset<Row> evaluated = AttentionRunner.apply(requests, spec, JobSession.onInvalidRow(spark), RequestColumns.TREE,
        false);
    TextTable table = new TextTable("pass", "backend", "rows", "time", "requests/s", "KV GB/s");
    try {
      for (int i = 1; i <= iterations; i++) {
        long[] nanos = new long[1];
        RunReport report = RunReport.of(ExecutedOperators.of(spark, () -> {
          long start = System.nanoTime();
          evaluated.write().format("noop").mode(SaveMode.Overwrite).save();
          nanos[0] = System.nanoTime() - start;
        }));
        double seconds = nanos[0] / 1e9;
        table.row(i, report.backendNames(), report.rows(), String.format("%.3f s", seconds),
            String.format("%.1f", report.rows() / seconds), String.format("%.3f", kvBytes / seconds / 1e9));
      }
    } finally {
      requests.unpersist();
    }
    command.commandLine().getOut().printf("bench: %s Hq=%d Hkv=%d D=%d, Lq<=%d, Lk<=%d, %d partitions, %.1f MB of K/V%n",
        spec.qType().sqlName(), spec.qHeads(), spec.kvHeads(), spec.headDim(), maxQLen, maxKvLen, p, kvBytes / 1e6);
    table.print(command.commandLine().getOut());
    return 0;
  }
}
