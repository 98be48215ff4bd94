package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Median;
import org.sparkxqa.core.gpu.cuda.GpuProbe;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.QueryBackend;
import org.sparkxqa.spark.job.data.AttentionRunner;
import org.sparkxqa.spark.job.data.RequestColumns;
import org.sparkxqa.spark.job.data.RequestGenerator;

/** {@code xqa bench}: passes, the CPU comparison, the pinned copy rate and the JSON report of one run. */
class BenchCommandTest {
  @TempDir static Path dir;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSessions.shared();
  }

  @Test
  void oneRunReportsPassesMediansCopyRateAndWhyTheCpuComparisonIsSkipped() throws Exception {
    Path file = dir.resolve("bench.json");
    Cli.Result r = Cli.runWithSpec("bench", "--rows", "24", "--max-kv-len", "64", "--iterations", "3",
        "--partitions", "2", "--report", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("bench: bf16 Hq=4 Hkv=2 D=64, Lq<=8, Lk<=64, 2 partitions"), r.out());
    assertTrue(r.out().contains("skipped: the backend in use is the CPU backend"), r.out());
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertEquals(24, json.get("rows").asLong());
    assertEquals(spark.sparkContext().master(), json.get("master").asText());
    JsonNode passes = json.get("pipeline").get("passes");
    assertEquals(3, passes.size());
    double[] rates = new double[3];
    for (int i = 0; i < 3; i++) {
      assertEquals(24, passes.get(i).get("rows").asLong());
      assertEquals(json.get("kvBytes").asDouble() / passes.get(i).get("seconds").asDouble() / 1e9,
          passes.get(i).get("kvGBps").asDouble(), 1e-9);
      rates[i] = passes.get(i).get("requestsPerSecond").asDouble();
    }
    assertEquals(Median.of(rates), json.get("pipeline").get("medianRequestsPerSecond").asDouble(), 1e-9);
    assertTrue(json.get("pipeline").get("backend").asText().startsWith("cpu ("));
    assertTrue(json.get("cpu").isNull());
    assertTrue(json.get("gpuOverCpu").isNull());
    assertEquals(3, json.get("parquet").get("passes").size());
    assertTrue(json.get("gpuReader").isNull());
    assertEquals("skipped: the backend in use is the CPU backend", json.get("gpuReaderSkipped").asText());
    assertTrue(json.get("fileBytes").asLong() > 0);
    GpuProbe.Result probe = GpuProbe.probe();
    JsonNode copy = json.get("pinnedCopy");
    if (probe.available()) {
      assertTrue(copy.get("gbps").asDouble() > 0, copy.toString());
      assertTrue(json.get("pipelineOverPinnedCopy").asDouble() > 0);
    } else {
      assertEquals("no GPU: " + probe.reason(), copy.get("unavailable").asText());
      assertTrue(r.out().contains("n/a (no GPU: " + probe.reason() + ")"), r.out());
      assertTrue(json.get("pipelineOverPinnedCopy").isNull());
    }
  }

  @Test
  void cpuPassesRunOnTheCpuBackendAndLeaveTheSessionAsItWas() {
    AttentionSpec spec = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
    SparkSession session = spark.newSession();
    Dataset<Row> requests = new RequestGenerator(spec, 4, 32, 3).generate(session, 10, 2);
    Dataset<Row> evaluated = AttentionRunner.apply(requests, spec, InvalidRowPolicy.FAIL, RequestColumns.TREE, false);
    BenchSeries cpu = BenchSeries.run(session, evaluated, QueryBackend.CPU, 2, 1000);
    assertTrue(cpu.onCpu(), cpu.backend());
    assertEquals(List.of(10L, 10L), cpu.passes().stream().map(BenchSeries.Pass::rows).toList());
    assertFalse(session.conf().contains("spark.xqa.queryBackend"), "the setting is removed again");
  }

  @Test
  void ratiosFollowFromTheMediansAndTheCopyRate() {
    BenchSeries gpu = new BenchSeries("gpu:0 (H100, sm_90)", List.of(new BenchSeries.Pass(1, 100, 0.5, 200, 2.0)),
        200, 2.0);
    BenchSeries cpu = new BenchSeries("cpu (16 threads)", List.of(new BenchSeries.Pass(1, 100, 2.0, 50, 0.5)), 50, 0.5);
    BenchSeries parquet = new BenchSeries("gpu:0 (H100, sm_90)", List.of(new BenchSeries.Pass(1, 100, 0.1, 1000, 10.0)),
        1000, 10.0);
    BenchSeries reader = new BenchSeries("gpu reader (cuDF)", List.of(new BenchSeries.Pass(1, 100, 0.08, 1250, 12.5)),
        1250, 12.5);
    PinnedCopy copy = new PinnedCopy("GPU 0", 1L << 30, 10, 25.0, null);
    ParquetPasses.Result files = new ParquetPasses.Result(parquet, reader, null, 1_100_000_000L);
    BenchReport report = BenchReport.of("bf16 Hq=4 Hkv=2 D=64", "local[16]", 100, 2, 1_000_000_000L, gpu, files, cpu,
        null, copy);
    assertEquals(0.08, report.pipelineOverPinnedCopy(), 1e-12);
    assertEquals(0.4, report.parquetOverPinnedCopy(), 1e-12);
    assertEquals(13.75, report.gpuReaderFileGBps(), 1e-9, "12.5 KV GB/s of files 1.1x the K/V bytes");
    assertEquals(0.55, report.gpuReaderFilesOverPinnedCopy(), 1e-9);
    assertEquals(4.0, report.gpuOverCpu(), 1e-12);
    assertFalse(gpu.onCpu());
    StringWriter text = new StringWriter();
    report.print(new PrintWriter(text, true));
    assertTrue(text.toString().contains("cpu 1"), text.toString());
    assertTrue(text.toString().contains("25.0 GB/s (1024 MiB per copy, median of 10, GPU 0)"), text.toString());
    assertTrue(text.toString().contains("0.080") && text.toString().contains("0.400")
        && text.toString().contains("0.550") && text.toString().contains("gpu reader 1")
        && text.toString().contains("4.00x"), text.toString());
    BenchReport noGpu = BenchReport.of("s", "local[2]", 100, 2, 1, cpu,
        new ParquetPasses.Result(cpu, null, "skipped: the backend in use is the CPU backend", 2), null, "skipped",
        PinnedCopy.notMeasured("no GPU: none"));
    assertNull(noGpu.gpuReaderFilesOverPinnedCopy());
    assertNull(noGpu.pipelineOverPinnedCopy());
    assertNull(noGpu.parquetOverPinnedCopy());
    assertNull(noGpu.gpuOverCpu());
  }

  @Test
  void negativeCpuIterationsAreAUsageError() {
    Cli.Result r = Cli.runWithSpec("bench", "--cpu-iterations", "-1");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--cpu-iterations >= 0"), r.err());
  }
}
