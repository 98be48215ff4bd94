package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.Median;
import org.sparkxqa.core.gpu.cuda.GpuProbe;
import org.sparkxqa.spark.SparkTestSessions;

/** {@code xqa bench}: passes, the CPU comparison, the pinned copy rate and the JSON report of one run. */
class BenchCommandTest {
    @TempDir
    static Path dir;

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSessions.shared();
    }

    @Test
    void oneRunReportsPassesMediansCopyRateAndWhyTheCpuComparisonIsSkipped() throws Exception {
        Path file = dir.resolve("bench.json");
        Cli.Result r = Cli.runWithSpec(
                "bench",
                "--rows",
                "24",
                "--max-kv-len",
                "64",
                "--iterations",
                "3",
                "--partitions",
                "2",
                "--report",
                file.toString());
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
            assertEquals(
                    json.get("kvBytes").asDouble()
                            / passes.get(i).get("seconds").asDouble()
                            / 1e9,
                    passes.get(i).get("kvGBps").asDouble(),
                    1e-9);
            rates[i] = passes.get(i).get("requestsPerSecond").asDouble();
        }
        assertEquals(
                Median.of(rates),
                json.get("pipeline").get("medianRequestsPerSecond").asDouble(),
                1e-9);
        assertTrue(json.get("pipeline").get("backend").asText().startsWith("cpu ("));
        assertTrue(json.get("cpu").isNull());
        assertTrue(json.get("gpuOverCpu").isNull());
        assertEquals(3, json.get("parquet").get("passes").size());
        assertEquals(3, json.get("sparkScan").get("passes").size());
        assertEquals(
                3, json.get("cache").get("passes").size(), "the shared session caches with XqaCachedBatchSerializer");
        assertEquals(24, json.get("cache").get("passes").get(0).get("rows").asLong());
        assertTrue(json.get("cacheSkipped").isNull());
        assertTrue(r.out().contains("columnar from the cache (median of 3)"), r.out());
        assertTrue(
                r.out()
                        .matches(
                                "(?s).*heap in use after a full GC: with the requests cached [0-9.]+ GiB, after the rows"
                                        + " passes [0-9.]+ GiB, after the Parquet passes [0-9.]+ GiB, after the cache passes [0-9.]+ GiB.*"),
                r.out());
        assertTrue(json.get("gpuReader").isNull());
        assertEquals(
                "skipped: the backend in use is the CPU backend",
                json.get("gpuReaderSkipped").asText());
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
    void negativeCpuIterationsAreAUsageError() {
        Cli.Result r = Cli.runWithSpec("bench", "--cpu-iterations", "-1");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--cpu-iterations >= 0"), r.err());
    }
}
