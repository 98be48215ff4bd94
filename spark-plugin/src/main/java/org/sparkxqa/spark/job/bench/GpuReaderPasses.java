package org.sparkxqa.spark.job.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Median;
import org.sparkxqa.spark.config.XqaConf;
import org.sparkxqa.spark.gpureader.GpuReaderRun;
import org.sparkxqa.spark.gpureader.GpuReaderSettings;
import org.sparkxqa.spark.job.data.RequestColumns;
import org.sparkxqa.spark.sql.Scala;

/**
 * The GPU-reader passes of {@code xqa bench}: each pass runs {@code run --gpu-reader} over the bench's
 * Parquet files (cuDF reads, evaluates and writes every file on the GPU), into a folder deleted after
 * the pass, so writing the output is timed too. A program step, not a test.
 */
final class GpuReaderPasses {
    private GpuReaderPasses() {}

    /** The passes, rated in K/V bytes per second like the others. */
    static BenchSeries run(
            SparkSession spark, AttentionSpec spec, String input, Path scratch, int count, long kvBytes) {
        XqaConf conf = XqaConf.from(Scala.map(spark.conf().getAll()));
        GpuReaderSettings settings = GpuReaderSettings.of(conf);
        List<BenchSeries.Pass> passes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Path out = scratch.resolve("gpu-reader-" + i);
            long start = System.nanoTime();
            GpuReaderRun.Result r = GpuReaderRun.run(spark, spec, input, out.toString(), RequestColumns.TREE, settings);
            double seconds = (System.nanoTime() - start) / 1e9;
            ParquetPasses.delete(out);
            passes.add(new BenchSeries.Pass(
                    i,
                    r.rows(),
                    seconds,
                    r.rows() / seconds,
                    kvBytes / seconds / 1e9,
                    0,
                    0,
                    0,
                    0,
                    r.stages().seconds()));
        }
        return new BenchSeries(
                "gpu reader (cuDF)",
                List.copyOf(passes),
                Median.of(passes.stream()
                        .mapToDouble(BenchSeries.Pass::requestsPerSecond)
                        .toArray()),
                Median.of(passes.stream().mapToDouble(BenchSeries.Pass::kvGBps).toArray()));
    }

    /** Bytes of the Parquet files under {@code folder}. */
    static long fileBytes(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".parquet"))
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot size " + folder, e);
        }
    }
}
