package org.sparkxqa.spark.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.spark.SparkTestSessions;

/**
 * The dist jar under the real spark-submit ({@link SparkSubmitter}), local[2]: {@code generate}, then
 * {@code run}, whose output must be the CPU backend's bits. cuDF is on no classpath here, so the
 * CPU path must never need it.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SparkSubmitIT {
  @TempDir Path dir;

  @Test
  void generateThenRunMatchesTheCpuBackend() throws Exception {
    String requests = dir.resolve("requests").toString();
    String output = dir.resolve("output").toString();
    Path report = dir.resolve("report.json");
    SparkSubmitter.run("spark-submit generate", "local[2]", Map.of(), SparkSubmitter.job("generate", "--output",
        requests, "--rows", "48", "--partitions", "3", "--max-kv-len", "96"), dir.resolve("generate.log"));
    String printed = SparkSubmitter.run("spark-submit run", "local[2]", Map.of(), SparkSubmitter.job("run", "--input",
        requests, "--output", output, "--backend", "cpu", "--batch-max-rows", "5", "--report", report.toString()),
        dir.resolve("run.log"));
    assertTrue(printed.contains("cpu ("), printed);
    JsonNode summary = new ObjectMapper().readTree(report.toFile());
    assertEquals(48, summary.get("rows").asLong());
    assertEquals(0, summary.get("invalidRows").asLong());
    long batches = summary.get("batches").asLong();
    assertTrue(batches >= 10 && batches < 48, "48 rows in batches of at most 5 (per partition): " + batches);
    assertEquals("driver", summary.get("executors").get(0).get("executorId").asText());
    SparkSession spark = SparkTestSessions.start(SparkTestSessions.builder("SparkSubmitIT-check"));
    try {
      CpuReference.assertOutputMatches(spark, output, SparkSubmitter.SPEC, 48);
    } finally {
      SparkTestSessions.stop(spark);
    }
  }
}
