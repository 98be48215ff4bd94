package org.sparkxqa.spark.job.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.sparkxqa.spark.job.report.TextTable;

/**
 * What one {@code xqa bench} run measured: the pipeline on the backend in use (rows from the cache,
 * columnar from Parquet files of the same requests (the request reader, then Spark's scan), columnar from the cache, and the GPU reader over
 * those files), the CPU backend on the same cached requests (or why it was skipped), the pinned host-to-device copy rate of this process
 * (or why there is none), and the ratios between them. Immutable (thread-safe); {@link #print} gives the summary
 * table, {@link #writeJson} the {@code --report} file.
 *
 * @param spec the request shape, e.g. {@code bf16 Hq=32 Hkv=8 D=128}
 * @param master the Spark master, e.g. {@code local[16]}
 * @param driverHeapBytes the most heap of this (the driver's) JVM; in local mode also the executor's
 * @param rows generated requests
 * @param partitions their partitions
 * @param kvBytes K/V bytes of all requests (what each pass reads)
 * @param pipeline the passes on the backend in use, rows from the cached table (the row path)
 * @param parquet the passes on the backend in use, reading the same requests from Parquet files with
 *     the request reader ({@code xqa_requests}, the job's default: the operator consumes views of the pages)
 * @param sparkScan the same passes reading the files with Spark's vectorized Parquet scan
 * @param cache the passes on the backend in use over the columnar batches of the cached requests
 *     ({@link CachePasses}), or null when skipped
 * @param cacheSkipped why {@code cache} is null, else null
 * @param gpuReader the GPU-reader passes over the same files ({@code run --gpu-reader}), or null
 * @param gpuReaderSkipped why {@code gpuReader} is null, else null
 * @param fileBytes bytes of those Parquet files
 * @param cpu the passes on the CPU backend, or null when skipped
 * @param cpuSkipped why {@code cpu} is null, else null
 * @param pinnedCopy the pinned host-to-device copy rate, or why it is not available
 * @param pipelineOverPinnedCopy pipeline KV GB/s / pinned copy GB/s, or null
 * @param parquetOverPinnedCopy parquet KV GB/s / pinned copy GB/s, or null
 * @param sparkScanOverPinnedCopy sparkScan KV GB/s / pinned copy GB/s, or null
 * @param cacheOverPinnedCopy cache KV GB/s / pinned copy GB/s, or null
 * @param gpuReaderFileGBps file bytes per second of the GPU-reader passes (median), or null
 * @param gpuReaderFilesOverPinnedCopy that rate / pinned copy GB/s, or null
 * @param pipelineOverKernel pipeline KV GB/s / the same passes' kernels alone (K/V bytes over their
 *     device time), or null without device time (the CPU backend)
 * @param parquetOverKernel the same for the Parquet passes, or null
 * @param sparkScanOverKernel the same for the passes over Spark's scan, or null
 * @param cacheOverKernel the same for the cache passes, or null
 * @param gpuOverCpu pipeline requests/s / CPU requests/s (the GPU's speed-up through Spark; the CPU passes
 *     run only when the pipeline did not use the CPU backend), or null
 */
public record BenchReport(
        String spec,
        String master,
        long driverHeapBytes,
        long rows,
        int partitions,
        long kvBytes,
        BenchSeries pipeline,
        BenchSeries parquet,
        BenchSeries sparkScan,
        BenchSeries cache,
        String cacheSkipped,
        BenchSeries gpuReader,
        String gpuReaderSkipped,
        long fileBytes,
        BenchSeries cpu,
        String cpuSkipped,
        PinnedCopy pinnedCopy,
        Double pipelineOverPinnedCopy,
        Double parquetOverPinnedCopy,
        Double sparkScanOverPinnedCopy,
        Double cacheOverPinnedCopy,
        Double gpuReaderFileGBps,
        Double gpuReaderFilesOverPinnedCopy,
        Double pipelineOverKernel,
        Double parquetOverKernel,
        Double sparkScanOverKernel,
        Double cacheOverKernel,
        Double gpuOverCpu) {

    /** The report of these measurements, with the ratios computed and this JVM's most heap. */
    public static BenchReport of(
            String spec,
            String master,
            long rows,
            int partitions,
            long kvBytes,
            BenchSeries pipeline,
            ParquetPasses.Result files,
            CachePasses.Result cached,
            BenchSeries cpu,
            String cpuSkipped,
            PinnedCopy copy) {
        BenchSeries parquet = files.columnar();
        BenchSeries sparkScan = files.sparkScan();
        BenchSeries cache = cached.columnar();
        BenchSeries reader = files.gpuReader();
        Double overCopy = copy.gbps() == null ? null : pipeline.medianKvGBps() / copy.gbps();
        Double parquetOverCopy = copy.gbps() == null ? null : parquet.medianKvGBps() / copy.gbps();
        Double scanOverCopy = copy.gbps() == null ? null : sparkScan.medianKvGBps() / copy.gbps();
        Double cacheOverCopy = copy.gbps() == null || cache == null ? null : cache.medianKvGBps() / copy.gbps();
        Double fileGBps = reader == null ? null : reader.medianKvGBps() * files.fileBytes() / kvBytes;
        Double filesOverCopy = fileGBps == null || copy.gbps() == null ? null : fileGBps / copy.gbps();
        Double overCpu = cpu == null ? null : pipeline.medianRequestsPerSecond() / cpu.medianRequestsPerSecond();
        return new BenchReport(
                spec,
                master,
                Runtime.getRuntime().maxMemory(),
                rows,
                partitions,
                kvBytes,
                pipeline,
                parquet,
                sparkScan,
                cache,
                cached.skipped(),
                reader,
                files.gpuReaderSkipped(),
                files.fileBytes(),
                cpu,
                cpuSkipped,
                copy,
                overCopy,
                parquetOverCopy,
                scanOverCopy,
                cacheOverCopy,
                fileGBps,
                filesOverCopy,
                overKernel(pipeline, kvBytes),
                overKernel(parquet, kvBytes),
                overKernel(sparkScan, kvBytes),
                cache == null ? null : overKernel(cache, kvBytes),
                overCpu);
    }

    /** One line per pass, then the medians, the copy rate and the ratios. */
    public void print(PrintWriter out) {
        TextTable passes = new TextTable("pass", "backend", "rows", "time", "requests/s", "KV GB/s");
        addPasses(passes, "rows ", pipeline);
        addPasses(passes, "parquet ", parquet);
        addPasses(passes, "spark scan ", sparkScan);
        if (cache != null) {
            addPasses(passes, "cache ", cache);
        }
        if (gpuReader != null) {
            addPasses(passes, "gpu reader ", gpuReader);
        }
        if (cpu != null) {
            addPasses(passes, "cpu ", cpu);
        }
        passes.print(out);
        TextTable summary = new TextTable("measure", "value");
        summary.row("rows from the cache (median of " + pipeline.passes().size() + ")", rates(pipeline));
        summary.row(
                "columnar from Parquet, request reader (median of "
                        + parquet.passes().size() + ")",
                rates(parquet));
        summary.row(
                "columnar from Parquet, Spark's scan (median of "
                        + sparkScan.passes().size() + ")",
                rates(sparkScan));
        summary.row(
                "columnar from the cache"
                        + (cache == null ? "" : " (median of " + cache.passes().size() + ")"),
                cache == null ? cacheSkipped : rates(cache));
        summary.row(
                "GPU reader over the same files",
                gpuReader == null
                        ? gpuReaderSkipped
                        : rates(gpuReader) + String.format(", %.3f file GB/s", gpuReaderFileGBps));
        summary.row(
                "CPU backend, same requests",
                cpu == null
                        ? cpuSkipped
                        : rates(cpu) + " (median of " + cpu.passes().size() + ")");
        summary.row("pinned host-to-device copy", pinnedCopy.text());
        summary.row("rows KV GB/s / pinned copy GB/s", ratio(pipelineOverPinnedCopy));
        summary.row("Parquet KV GB/s / pinned copy GB/s", ratio(parquetOverPinnedCopy));
        summary.row("Spark's scan KV GB/s / pinned copy GB/s", ratio(sparkScanOverPinnedCopy));
        summary.row("cache KV GB/s / pinned copy GB/s", ratio(cacheOverPinnedCopy));
        summary.row("GPU reader file GB/s / pinned copy GB/s", ratio(gpuReaderFilesOverPinnedCopy));
        summary.row("rows: where the time went", breakdown(pipeline));
        summary.row("Parquet: where the time went", breakdown(parquet));
        summary.row("Spark's scan: where the time went", breakdown(sparkScan));
        if (cache != null) {
            summary.row("cache: where the time went", breakdown(cache));
        }
        if (gpuReader != null) {
            summary.row("GPU reader: where the time went", stages(gpuReader));
        }
        summary.row("rows KV GB/s / kernels alone", ratio(pipelineOverKernel));
        summary.row("Parquet KV GB/s / kernels alone", ratio(parquetOverKernel));
        summary.row("Spark's scan KV GB/s / kernels alone", ratio(sparkScanOverKernel));
        summary.row("cache KV GB/s / kernels alone", ratio(cacheOverKernel));
        summary.row(
                "GPU / CPU (requests/s through Spark)",
                gpuOverCpu == null ? "n/a" : String.format("%.2fx", gpuOverCpu));
        summary.print(out);
    }

    /** Writes this report as JSON. */
    public void writeJson(Path file) {
        try {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file, e);
        }
    }

    private static void addPasses(TextTable table, String prefix, BenchSeries series) {
        for (BenchSeries.Pass p : series.passes()) {
            table.row(
                    prefix + p.pass(),
                    series.backend(),
                    p.rows(),
                    String.format("%.3f s", p.seconds()),
                    String.format("%.1f", p.requestsPerSecond()),
                    String.format("%.3f", p.kvGBps()));
        }
    }

    private static Double overKernel(BenchSeries s, long kvBytes) {
        double kernel = s.medianKernelKvGBps(kvBytes);
        return kernel > 0 ? s.medianKvGBps() / kernel : null;
    }

    /** Median pass: wall seconds, the tasks' seconds in backend calls, device seconds, packing. */
    private String breakdown(BenchSeries s) {
        BenchSeries.Pass p = s.passes().get(s.passes().size() / 2);
        if (p.deviceSeconds() == 0) {
            return "no device time reported (" + s.backend() + ")";
        }
        return String.format(
                "pass %d: %.3f s wall; tasks in backend calls %.3f s; kernels %.3f s on the device (%.1f KV GB/s);"
                        + " packing %.3f s for %.2f GB (%.1f GB/s per packing call)",
                p.pass(),
                p.seconds(),
                p.backendSeconds(),
                p.deviceSeconds(),
                p.kernelKvGBps(kvBytes),
                p.packSeconds(),
                p.packedBytes() / 1e9,
                p.packGBps());
    }

    /** The median pass's wall time and its named stages, summed over tasks. */
    private static String stages(BenchSeries s) {
        BenchSeries.Pass p = s.passes().get(s.passes().size() / 2);
        StringBuilder b = new StringBuilder(String.format("pass %d: %.3f s wall; tasks:", p.pass(), p.seconds()));
        p.stageSeconds().forEach((name, seconds) -> b.append(String.format(" %s %.3f s,", name, seconds)));
        return p.stageSeconds().isEmpty() ? b + " no stages reported" : b.substring(0, b.length() - 1);
    }

    private static String ratio(Double r) {
        return r == null ? "n/a" : String.format("%.3f", r);
    }

    private static String rates(BenchSeries s) {
        return String.format(
                "%s: %.1f requests/s, %.3f KV GB/s", s.backend(), s.medianRequestsPerSecond(), s.medianKvGBps());
    }
}
