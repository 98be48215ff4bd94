package org.sparkxqa.spark.job.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.Median;
import org.sparkxqa.spark.config.QueryBackend;
import org.sparkxqa.spark.config.XqaConf;
import org.sparkxqa.spark.job.data.AttentionRunner;
import org.sparkxqa.spark.job.report.ExecutedOperators;
import org.sparkxqa.spark.job.report.RunReport;
import org.sparkxqa.spark.sql.exec.XqaAttentionExec;

/**
 * Timed passes of one evaluation through Spark on one backend: each pass writes every evaluated row's
 * id and results ({@link AttentionRunner#results}) to Spark's {@code noop} sink, so reading, batching,
 * the backend and building the result rows are timed, writing files is not, and neither is copying
 * the pass-through q/k/v into rows for a sink (a cost of the sink, which the columnar path otherwise
 * avoids). Requests/s and K/V bytes read per second per pass, and their medians.
 * Immutable (thread-safe); {@link #run} is the program that produces one.
 *
 * @param backend the backend the passes ran on, as the executors named it (e.g. {@code cpu (16 threads)})
 * @param passes each timed pass, in order
 * @param medianRequestsPerSecond the median over the passes
 * @param medianKvGBps the median K/V GB/s (10^9 bytes per second) over the passes
 */
public record BenchSeries(String backend, List<Pass> passes, double medianRequestsPerSecond, double medianKvGBps) {

    /**
     * One pass: rows evaluated, wall seconds, and the rates that follow; then, from the operator's
     * metrics summed over its tasks, the seconds spent in backend calls, the kernels' device seconds,
     * and the bytes packed into pinned staging with the seconds that took (zeros where the backend
     * reports none: the CPU backend, the GPU reader); last, seconds by named stage summed over tasks
     * (the GPU reader's; empty for the others).
     */
    public record Pass(
            int pass,
            long rows,
            double seconds,
            double requestsPerSecond,
            double kvGBps,
            double backendSeconds,
            double deviceSeconds,
            long packedBytes,
            double packSeconds,
            Map<String, Double> stageSeconds) {

        /** A pass timed by its wall clock alone. */
        public Pass(int pass, long rows, double seconds, double requestsPerSecond, double kvGBps) {
            this(pass, rows, seconds, requestsPerSecond, kvGBps, 0, 0, 0, 0, Map.of());
        }

        /** K/V GB/s of the kernels alone (the K/V bytes over their device time), or 0 without one. */
        public double kernelKvGBps(long kvBytes) {
            return deviceSeconds > 0 ? kvBytes / deviceSeconds / 1e9 : 0;
        }

        /**
         * GB/s of packing (bytes packed over the time the packing calls took, each call's copy threads
         * together), or 0 without packing.
         */
        public double packGBps() {
            return packSeconds > 0 ? packedBytes / packSeconds / 1e9 : 0;
        }
    }

    /**
     * Runs {@code count} passes of {@code evaluated} with {@code spark.xqa.queryBackend=choice} set on
     * {@code spark} for their duration (the previous value is restored).
     *
     * @param kvBytes the K/V bytes of all requests (the bytes each pass must read)
     */
    public static BenchSeries run(
            SparkSession spark, Dataset<Row> evaluated, QueryBackend choice, int count, long kvBytes) {
        return run(spark, evaluated, choice, Map.of(), count, kvBytes);
    }

    /**
     * Runs {@code count} passes of {@code evaluated} with {@code spark.xqa.queryBackend=choice} and
     * {@code settings} (runtime settings, e.g. {@code spark.xqa.columnar.enabled=false}) set on
     * {@code spark} for their duration (the previous values are restored).
     *
     * @param kvBytes the K/V bytes of all requests (the bytes each pass must read)
     */
    public static BenchSeries run(
            SparkSession spark,
            Dataset<Row> evaluated,
            QueryBackend choice,
            Map<String, String> settings,
            int count,
            long kvBytes) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put(XqaConf.QUERY_BACKEND.name(), choice.configName());
        Map<String, String> previous = new HashMap<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            previous.put(e.getKey(), spark.conf().getOption(e.getKey()).getOrElse(() -> null));
            spark.conf().set(e.getKey(), e.getValue());
        }
        Dataset<Row> results = AttentionRunner.results(evaluated);
        try {
            List<Pass> passes = new ArrayList<>();
            String backend = "none";
            for (int i = 1; i <= count; i++) {
                long[] nanos = new long[1];
                List<XqaAttentionExec> operators = ExecutedOperators.of(spark, () -> {
                    long start = System.nanoTime();
                    results.write().format("noop").mode(SaveMode.Overwrite).save();
                    nanos[0] = System.nanoTime() - start;
                });
                RunReport report = RunReport.of(operators);
                double seconds = nanos[0] / 1e9;
                passes.add(new Pass(
                        i,
                        report.rows(),
                        seconds,
                        report.rows() / seconds,
                        kvBytes / seconds / 1e9,
                        sum(operators, "backendTime") / 1e9,
                        sum(operators, "deviceTime") / 1e9,
                        sum(operators, "bytesPacked"),
                        sum(operators, "packTime") / 1e9,
                        Map.of()));
                backend = report.backendNames();
            }
            return new BenchSeries(
                    backend,
                    List.copyOf(passes),
                    Median.of(
                            passes.stream().mapToDouble(Pass::requestsPerSecond).toArray()),
                    Median.of(passes.stream().mapToDouble(Pass::kvGBps).toArray()));
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    spark.conf().unset(key);
                } else {
                    spark.conf().set(key, value);
                }
            });
        }
    }

    /** The median over the passes of the kernels' own K/V GB/s (0 where the backend reports no device time). */
    public double medianKernelKvGBps(long kvBytes) {
        return Median.of(
                passes.stream().mapToDouble(p -> p.kernelKvGBps(kvBytes)).toArray());
    }

    /** The median over the passes of {@link Pass#packGBps} (0 where nothing was packed). */
    public double medianPackGBps() {
        return Median.of(passes.stream().mapToDouble(Pass::packGBps).toArray());
    }

    private static long sum(List<XqaAttentionExec> operators, String metric) {
        return operators.stream()
                .mapToLong(op -> op.metrics().apply(metric).value())
                .sum();
    }

    /** Whether every executor ran these passes on a CPU backend (whose names start with {@code cpu}). */
    public boolean onCpu() {
        return Arrays.stream(backend.split(", ")).allMatch(name -> name.startsWith("cpu"));
    }
}
