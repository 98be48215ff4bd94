package org.sparkxqa.spark.job.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkxqa.spark.gpureader.FileStages;

/** The ratios of {@code xqa bench}'s report and its summary text, from fixed measurements. */
class BenchReportTest {
    @Test
    void ratiosFollowFromTheMediansAndTheCopyRate() {
        BenchSeries gpu =
                new BenchSeries("gpu:0 (H100, sm_90)", List.of(new BenchSeries.Pass(1, 100, 0.5, 200, 2.0)), 200, 2.0);
        BenchSeries cpu =
                new BenchSeries("cpu (16 threads)", List.of(new BenchSeries.Pass(1, 100, 2.0, 50, 0.5)), 50, 0.5);
        BenchSeries parquet = new BenchSeries(
                "gpu:0 (H100, sm_90)", List.of(new BenchSeries.Pass(1, 100, 0.1, 1000, 10.0)), 1000, 10.0);
        Map<String, Double> stages = new FileStages(1_000_000, 2_000_000, 30_000_000, 4_000_000, 0, 500_000).seconds();
        BenchSeries reader = new BenchSeries(
                "gpu reader (cuDF)",
                List.of(new BenchSeries.Pass(1, 100, 0.08, 1250, 12.5, 0, 0, 0, 0, stages)),
                1250,
                12.5);
        PinnedCopy copy = new PinnedCopy("GPU 0", 1L << 30, 10, 25.0, null);
        BenchSeries sparkScan =
                new BenchSeries("gpu:0 (H100, sm_90)", List.of(new BenchSeries.Pass(1, 100, 0.4, 250, 2.5)), 250, 2.5);
        ParquetPasses.Result files = new ParquetPasses.Result(parquet, sparkScan, reader, null, 1_100_000_000L);
        BenchSeries cached = new BenchSeries(
                "gpu:0 (H100, sm_90)",
                List.of(new BenchSeries.Pass(1, 100, 0.05, 2000, 20.0, 0.4, 0.001, 2_000_000_000L, 0.25, Map.of())),
                2000,
                20.0);
        BenchReport report = BenchReport.of(
                "bf16 Hq=4 Hkv=2 D=64",
                "local[16]",
                100,
                2,
                1_000_000_000L,
                gpu,
                files,
                new CachePasses.Result(cached, null),
                cpu,
                null,
                copy);
        assertEquals(0.08, report.pipelineOverPinnedCopy(), 1e-12);
        assertEquals(0.4, report.parquetOverPinnedCopy(), 1e-12);
        assertEquals(0.1, report.sparkScanOverPinnedCopy(), 1e-12);
        assertEquals(0.8, report.cacheOverPinnedCopy(), 1e-12);
        assertEquals(13.75, report.gpuReaderFileGBps(), 1e-9, "12.5 KV GB/s of files 1.1x the K/V bytes");
        assertEquals(0.55, report.gpuReaderFilesOverPinnedCopy(), 1e-9);
        assertEquals(4.0, report.gpuOverCpu(), 1e-12);
        assertEquals(0.02, report.cacheOverKernel(), 1e-12, "20 GB/s against 1e9 K/V bytes in 1 ms on the device");
        assertNull(report.pipelineOverKernel(), "no device time reported for the rows passes");
        assertFalse(gpu.onCpu());
        StringWriter text = new StringWriter();
        report.print(new PrintWriter(text, true));
        assertTrue(text.toString().contains("cpu 1"), text.toString());
        assertTrue(text.toString().contains("spark scan 1"), text.toString());
        assertTrue(
                java.util.regex.Pattern.compile("Spark's scan KV GB/s / pinned copy GB/s +0\\.100")
                        .matcher(text.toString())
                        .find(),
                text.toString());
        assertTrue(
                text.toString()
                        .contains(
                                "pass 1: 0.080 s wall; tasks: read file 0.001 s, wait for GPU permit 0.002 s,"
                                        + " decode (cuDF) 0.030 s, attention 0.004 s, encode (cuDF) 0.000 s, write file 0.001 s"),
                text.toString());
        assertTrue(text.toString().contains("25.0 GB/s (1024 MiB per copy, median of 10, GPU 0)"), text.toString());
        assertTrue(
                text.toString().contains("0.080")
                        && text.toString().contains("0.400")
                        && text.toString().contains("0.550")
                        && text.toString().contains("gpu reader 1")
                        && text.toString().contains("cache 1")
                        && text.toString().contains("0.800")
                        && text.toString().contains("4.00x")
                        && text.toString().contains("kernels 0.001 s on the device (1000.0 KV GB/s)")
                        && text.toString().contains("packing 0.250 s for 2.00 GB (8.0 GB/s per packing call)"),
                text.toString());
        BenchReport noGpu = BenchReport.of(
                "s",
                "local[2]",
                100,
                2,
                1,
                cpu,
                new ParquetPasses.Result(cpu, cpu, null, "skipped: the backend in use is the CPU backend", 2),
                new CachePasses.Result(null, "skipped: no cache"),
                null,
                "skipped",
                PinnedCopy.notMeasured("no GPU: none"));
        assertNull(noGpu.gpuReaderFilesOverPinnedCopy());
        assertNull(noGpu.pipelineOverPinnedCopy());
        assertNull(noGpu.parquetOverPinnedCopy());
        assertNull(noGpu.gpuOverCpu());
        assertNull(noGpu.cacheOverPinnedCopy());
        StringWriter noGpuText = new StringWriter();
        noGpu.print(new PrintWriter(noGpuText, true));
        assertTrue(noGpuText.toString().contains("skipped: no cache"), noGpuText.toString());
    }
}
