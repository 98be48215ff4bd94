package org.sparkxqa.spark.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.SparkTestSessions;

/**
 * The dist jar under the real spark-submit ({@link SparkSubmitter}), local[2]: {@code generate}, then
 * {@code run}, whose output must be the CPU backend's bits. cuDF is on no classpath here, so the
 * CPU path must never need it.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SparkSubmitIT {
  static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
  static final Duration STEP = Duration.ofMinutes(3);

  @TempDir Path dir;

  static List<String> job(String command, String... rest) {
    List<String> args = new ArrayList<>(List.of(command, "--dtype", "bf16", "--q-heads", "4", "--kv-heads", "2",
        "--head-dim", "64"));
    args.addAll(List.of(rest));
    return args;
  }

  @Test
  void generateThenRunMatchesTheCpuBackend() throws Exception {
    String requests = dir.resolve("requests").toString();
    String output = dir.resolve("output").toString();
    Path report = dir.resolve("report.json");
    try (JavaProcess generate = SparkSubmitter.submit("spark-submit generate", "local[2]", Map.of(),
        job("generate", "--output", requests, "--rows", "48", "--partitions", "3", "--max-kv-len", "96"), Map.of(),
        dir.resolve("generate.log"))) {
      assertEquals(0, generate.waitFor(STEP), generate.tail());
    }
    try (JavaProcess run = SparkSubmitter.submit("spark-submit run", "local[2]", Map.of(),
        job("run", "--input", requests, "--output", output, "--backend", "cpu", "--batch-max-rows", "5",
            "--report", report.toString()), Map.of(), dir.resolve("run.log"))) {
      assertEquals(0, run.waitFor(STEP), run.tail());
      assertTrue(run.output().contains("cpu ("), run.tail());
    }
    JsonNode summary = new ObjectMapper().readTree(report.toFile());
    assertEquals(48, summary.get("rows").asLong());
    assertEquals(0, summary.get("invalidRows").asLong());
    long batches = summary.get("batches").asLong();
    assertTrue(batches >= 10 && batches < 48, "48 rows in batches of at most 5 (per partition): " + batches);
    assertEquals("driver", summary.get("executors").get(0).get("executorId").asText());
    SparkSession spark = SparkTestSessions.start(SparkTestSessions.builder("SparkSubmitIT-check"));
    try {
      CpuReference.assertOutputMatches(spark, output, SPEC, 48);
    } finally {
      SparkTestSessions.stop(spark);
    }
  }
}
