package org.sparkxqa.spark.gpureader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.gpu.GpuBackend;
import org.sparkxqa.spark.config.QueryBackend;
import org.sparkxqa.spark.executor.ExecutorServices;
import org.sparkxqa.spark.executor.ExecutorServicesRegistry;

/**
 * GPU reader mode of {@code xqa run}/{@code bench}: one Spark task per input Parquet file, each
 * decoding, evaluating and encoding its file on its executor's GPU ({@link GpuFileTask}) and writing
 * {@code part-NNNNN.parquet} into the output folder, then {@code _SUCCESS}. The output has the input's
 * columns plus {@code out} (and {@code xqa_error} under {@code onInvalidRow=null}), as {@code run}
 * writes them. Needs the GPU backend on every executor.
 */
public final class GpuReaderRun {
    private GpuReaderRun() {}

    /**
     * Rows and files written, the rows among them that were invalid, the launches they took, the chunks
     * the files were decoded in, the attempts that ran out of device memory and were retried with
     * smaller chunks, and the time of each stage summed over the files.
     */
    public record Result(
            long rows, long invalidRows, int files, long launches, long chunks, long chunkRetries, FileStages stages) {}

    /** @throws IllegalArgumentException when the input has no Parquet file or a column cannot be carried */
    public static Result run(
            SparkSession spark,
            AttentionSpec spec,
            String input,
            String output,
            String treeColumn,
            GpuReaderSettings settings) {
        ParquetLayout layout = ParquetLayout.of(spark.read().parquet(input).schema(), treeColumn);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<String> files = parquetFiles(conf, input);
        GpuFileTask task = new GpuFileTask(spec, layout, treeColumn, settings);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            jobs.add(files.get(i) + "\n" + new Path(output, String.format("part-%05d.parquet", i)));
        }
        mkdirs(conf, output);
        FlatMapFunction<Iterator<String>, GpuFileTask.FileResult> each = it -> {
            List<GpuFileTask.FileResult> rows = new ArrayList<>();
            ExecutorServices services = ExecutorServicesRegistry.current();
            while (it.hasNext()) {
                String[] io = it.next().split("\n", 2);
                rows.add(runOne(services, task, io[0], io[1]));
            }
            return rows.iterator();
        };
        List<GpuFileTask.FileResult> perFile = new JavaSparkContext(spark.sparkContext())
                .parallelize(jobs, Math.max(1, jobs.size()))
                .mapPartitions(each)
                .collect();
        touch(conf, new Path(output, "_SUCCESS"));
        GpuFileTask.FileResult sum = perFile.stream().reduce(GpuFileTask.FileResult.NONE, GpuFileTask.FileResult::plus);
        return new Result(
                sum.rows(), sum.invalidRows(), files.size(), sum.launches(), sum.chunks(), sum.retries(), sum.stages());
    }

    private static GpuFileTask.FileResult runOne(ExecutorServices services, GpuFileTask task, String in, String out) {
        AttentionBackend backend = services.backends().backend(QueryBackend.EXECUTOR);
        if (!(backend instanceof GpuBackend gpu)) {
            throw new IllegalStateException("the GPU reader needs the GPU backend on every executor; this one has "
                    + backend.name() + " (set spark.xqa.backend=gpu)");
        }
        try {
            return task.run(gpu, services.gpuPermits(), new Configuration(), in, out);
        } catch (IOException e) {
            throw new UncheckedIOException("GPU reader: " + in + " -> " + out, e);
        }
    }

    static List<String> parquetFiles(Configuration conf, String input) {
        try {
            Path dir = new Path(input);
            FileSystem fs = dir.getFileSystem(conf);
            FileStatus[] all =
                    fs.getFileStatus(dir).isFile() ? new FileStatus[] {fs.getFileStatus(dir)} : fs.listStatus(dir);
            List<String> files = Arrays.stream(all)
                    .filter(FileStatus::isFile)
                    .map(f -> f.getPath().toString())
                    .filter(p -> p.endsWith(".parquet")
                            && !new Path(p).getName().startsWith("_")
                            && !new Path(p).getName().startsWith("."))
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no .parquet files in " + input);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + input, e);
        }
    }

    private static void mkdirs(Configuration conf, String output) {
        try {
            Path dir = new Path(output);
            if (!dir.getFileSystem(conf).mkdirs(dir)) {
                throw new IOException("mkdirs returned false");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + output, e);
        }
    }

    private static void touch(Configuration conf, Path file) {
        try {
            file.getFileSystem(conf).create(file, true).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
