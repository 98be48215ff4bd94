package org.sparkxqa.spark.job.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.QueryBackend;
import org.sparkxqa.spark.job.data.AttentionRunner;
import org.sparkxqa.spark.job.data.ReaderBatchRows;
import org.sparkxqa.spark.job.data.RequestColumns;
import org.sparkxqa.spark.job.data.RequestFiles;
import org.sparkxqa.spark.source.RequestFileSource;

/**
 * The columnar passes of {@code xqa bench}: the benchmark's requests are written once to Parquet in a
 * temporary folder (deleted afterwards), and each pass reads them back, once with the request reader
 * ({@code xqa_requests}, the job's default: q, k and v as views of the pages) and once with Spark's
 * vectorized scan (views of the scan's vectors); the operator consumes either batch by batch. Reading
 * the files is part of each pass (from the OS page cache after the write, so it measures the data
 * path, not the disk). On a GPU backend the same files also feed the GPU-reader passes
 * ({@link GpuReaderPasses}). A program step, not a test; stateless, each call with its own folder.
 */
public final class ParquetPasses {
    private ParquetPasses() {}

    /**
     * What the passes over the files measured.
     *
     * @param columnar the columnar passes over the request reader ({@code xqa_requests})
     * @param sparkScan the columnar passes over Spark's vectorized Parquet scan
     * @param gpuReader the GPU-reader passes, or null when skipped
     * @param gpuReaderSkipped why {@code gpuReader} is null, else null
     * @param fileBytes bytes of the Parquet files (what a GPU-reader pass sends to the device)
     */
    public record Result(
            BenchSeries columnar,
            BenchSeries sparkScan,
            BenchSeries gpuReader,
            String gpuReaderSkipped,
            long fileBytes) {}

    /**
     * @param policy the session's {@code spark.xqa.onInvalidRow}, as for the cached passes
     * @param readerRows rows per batch of Spark's Parquet scan ({@link ReaderBatchRows}), unless the
     *     session sets {@value ReaderBatchRows#KEY} itself
     * @param gpuReader whether to run the GPU-reader passes too (the backend in use is a GPU)
     */
    public static Result run(
            SparkSession spark,
            Dataset<Row> requests,
            AttentionSpec spec,
            InvalidRowPolicy policy,
            int iterations,
            long kvBytes,
            int readerRows,
            boolean gpuReader) {
        Path dir = createTemp();
        try {
            String path = dir.resolve("requests").toString();
            RequestFiles.writer(requests).parquet(path);
            BenchSeries columnar = BenchSeries.run(
                    spark,
                    evaluate(spark.read().format(RequestFileSource.SHORT_NAME).load(path), spec, policy),
                    QueryBackend.EXECUTOR,
                    iterations,
                    kvBytes);
            Dataset<Row> overSparkScan = evaluate(spark.read().parquet(path), spec, policy);
            BenchSeries sparkScan = ReaderBatchRows.during(
                    spark,
                    readerRows,
                    () -> BenchSeries.run(spark, overSparkScan, QueryBackend.EXECUTOR, iterations, kvBytes));
            BenchSeries reader = gpuReader ? GpuReaderPasses.run(spark, spec, path, dir, iterations, kvBytes) : null;
            return new Result(
                    columnar,
                    sparkScan,
                    reader,
                    gpuReader ? null : "skipped: the backend in use is the CPU backend",
                    GpuReaderPasses.fileBytes(Path.of(path)));
        } finally {
            delete(dir);
        }
    }

    private static Dataset<Row> evaluate(Dataset<Row> files, AttentionSpec spec, InvalidRowPolicy policy) {
        return AttentionRunner.apply(files, spec, policy, RequestColumns.TREE, false);
    }

    private static Path createTemp() {
        try {
            return Files.createTempDirectory("xqa-bench-parquet");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the Parquet passes", e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
