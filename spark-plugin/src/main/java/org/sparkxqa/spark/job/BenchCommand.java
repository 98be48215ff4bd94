package org.sparkxqa.spark.job;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.QueryBackend;
import org.sparkxqa.spark.config.XqaConf;
import org.sparkxqa.spark.executor.ExecutorServicesRegistry;
import org.sparkxqa.spark.job.bench.BenchReport;
import org.sparkxqa.spark.job.bench.BenchSeries;
import org.sparkxqa.spark.job.bench.CachePasses;
import org.sparkxqa.spark.job.bench.LiveHeap;
import org.sparkxqa.spark.job.bench.ParquetPasses;
import org.sparkxqa.spark.job.bench.PinnedCopy;
import org.sparkxqa.spark.job.data.AttentionRunner;
import org.sparkxqa.spark.job.data.ReaderBatchRows;
import org.sparkxqa.spark.job.data.RequestColumns;
import org.sparkxqa.spark.job.data.RequestGenerator;
import org.sparkxqa.spark.sql.SpecText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code xqa bench} (also {@code ./xqa bench e2e}): end-to-end throughput through Spark on cached
 * synthetic requests, in one run: requests/s and K/V GB/s of the backend in use, per pass and the
 * median, over the rows of the cached table (the row path: {@code spark.xqa.columnar.enabled=false}
 * for these passes), over the columnar batches of the same requests written to Parquet
 * ({@link ParquetPasses}) and over the columnar batches of the cache itself ({@link CachePasses}, when
 * the session caches with {@code XqaCachedBatchSerializer}, as the job's own sessions do); the same on
 * the CPU backend over the same cached requests, rows again (skipped when the backend in use
 * is the CPU backend, or with {@code --cpu-iterations 0}); the pinned host-to-device copy rate of this
 * process's GPU ({@link PinnedCopy}, "n/a" with the reason without one); and the ratios pipeline ÷
 * pinned copy and GPU ÷ CPU. {@code --report} writes it all as JSON ({@link BenchReport}). A program,
 * not a test.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure requests/s and KV GB/s through Spark on cached synthetic requests: the backend in use, "
                + "the CPU backend on the same requests, and the pinned host-to-device copy rate (the pipeline's ceiling)."
                + " Shape flags default to bf16, Hq=8, Hkv=2, D=128.")
final class BenchCommand implements Callable<Integer> {
    /** The rows passes read the cache as rows, whichever serializer cached it. */
    private static final Map<String, String> ROW_PATH = Map.of(XqaConf.COLUMNAR.name(), "false");

    @Spec
    CommandSpec command;

    @Mixin
    SpecOptions specOptions;

    @Mixin
    EvaluationFlags evaluation;

    @Mixin
    SessionOptions session;

    @Option(
            names = "--rows",
            paramLabel = "N",
            defaultValue = "2000",
            description = "Requests (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(
            names = "--max-q-len",
            paramLabel = "L",
            defaultValue = "8",
            description = "Largest Lq (default ${DEFAULT-VALUE}).")
    int maxQLen;

    @Option(
            names = "--max-kv-len",
            paramLabel = "L",
            defaultValue = "1024",
            description = "Largest Lk (default ${DEFAULT-VALUE}).")
    int maxKvLen;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            defaultValue = "3",
            description = "Timed passes on the backend in use (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(
            names = "--cpu-iterations",
            paramLabel = "N",
            defaultValue = "1",
            description = "Timed passes on the CPU backend for the comparison (default ${DEFAULT-VALUE}; 0 skips it). "
                    + "Skipped anyway when the backend in use is the CPU backend.")
    int cpuIterations;

    @Option(
            names = "--partitions",
            paramLabel = "P",
            description = "Partitions (default: Spark's default parallelism).")
    Integer partitions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Also write the results as JSON: passes, medians, CPU comparison, pinned copy rate, ratios.")
    Path report;

    @Override
    public Integer call() {
        AttentionSpec spec = specOptions.spec(command, false);
        Map<String, String> settings = evaluation.settings(command);
        if (rows < 1 || iterations < 1 || cpuIterations < 0 || (partitions != null && partitions < 1)) {
            throw new ParameterException(
                    command.commandLine(),
                    "--rows, --iterations and --partitions must be >= 1 and --cpu-iterations >= 0");
        }
        RequestGenerator generator = GenerateCommand.generator(command, spec, maxQLen, maxKvLen, seed);
        SparkSession spark = session.open("xqa bench", settings);
        int p = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
        Dataset<Row> requests = generator.generate(spark, rows, p).cache();
        try {
            long kvBytes =
                    requests.selectExpr("sum(length(k) + length(v))").first().getLong(0);
            command.commandLine()
                    .getOut()
                    .printf(
                            "bench: %s, Lq<=%d, Lk<=%d, %d partitions, %.1f MB of K/V%n",
                            SpecText.of(spec), maxQLen, maxKvLen, p, kvBytes / 1e6);
            LiveHeap heap = new LiveHeap();
            heap.record("with the requests cached");
            InvalidRowPolicy policy = JobSession.onInvalidRow(spark);
            Dataset<Row> evaluated = AttentionRunner.apply(requests, spec, policy, RequestColumns.TREE, false);
            BenchSeries pipeline =
                    BenchSeries.run(spark, evaluated, QueryBackend.EXECUTOR, ROW_PATH, iterations, kvBytes);
            heap.record("after the rows passes");
            ParquetPasses.Result files = ParquetPasses.run(
                    spark,
                    requests,
                    spec,
                    policy,
                    iterations,
                    kvBytes,
                    ReaderBatchRows.forRequests(spec, maxQLen, maxKvLen),
                    !pipeline.onCpu());
            heap.record("after the Parquet passes");
            CachePasses.Result cached = CachePasses.run(spark, requests, spec, policy, iterations, kvBytes);
            heap.record("after the cache passes");
            String cpuSkipped = pipeline.onCpu()
                    ? "skipped: the backend in use is the CPU backend"
                    : cpuIterations == 0 ? "skipped (--cpu-iterations 0)" : null;
            BenchSeries cpu = cpuSkipped == null
                    ? BenchSeries.run(spark, evaluated, QueryBackend.CPU, ROW_PATH, cpuIterations, kvBytes)
                    : null;
            PinnedCopy copy = PinnedCopy.measure(
                    ExecutorServicesRegistry.current().gpu().device().orElse(0), kvBytes);
            BenchReport result = BenchReport.of(
                    SpecText.of(spec),
                    spark.sparkContext().master(),
                    rows,
                    p,
                    kvBytes,
                    pipeline,
                    files,
                    cached,
                    cpu,
                    cpuSkipped,
                    copy);
            result.print(command.commandLine().getOut());
            command.commandLine().getOut().println(heap.line());
            if (report != null) {
                result.writeJson(report);
            }
            return 0;
        } finally {
            requests.unpersist();
        }
    }
}
