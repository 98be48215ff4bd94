package org.sparkxqa.spark.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.spark.SparkTestSessions;

/**
 * The dist jar under the real spark-submit ({@link Submission}), local[2]: {@code generate}, then
 * {@code run}, whose output must be the CPU backend's bits. {@code generate} runs without cuDF on
 * any classpath; {@code run} has the cuDF jar on the installation's classpath (as spark-rapids
 * users do) and, with the CPU backend, must not load a single cuDF class.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SparkSubmitIT {
    @TempDir
    Path dir;

    @Test
    void generateThenRunMatchesTheCpuBackend() throws Exception {
        String requests = dir.resolve("requests").toString();
        String output = dir.resolve("output").toString();
        Path report = dir.resolve("report.json");
        Submission.of(
                        "spark-submit generate",
                        "local[2]",
                        Submission.job(
                                "generate",
                                "--output",
                                requests,
                                "--rows",
                                "48",
                                "--partitions",
                                "3",
                                "--max-kv-len",
                                "96"))
                .run(dir.resolve("generate.log"));
        Path classes = dir.resolve("classes.log");
        String printed = Submission.of(
                        "spark-submit run",
                        "local[2]",
                        Submission.job(
                                "run",
                                "--input",
                                requests,
                                "--output",
                                output,
                                "--backend",
                                "cpu",
                                "--batch-max-rows",
                                "5",
                                "--report",
                                report.toString()))
                .withClasspath(List.of(DeployLayout.cudfJar()))
                .withEnv(Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + classes))
                .run(dir.resolve("run.log"));
        assertTrue(printed.contains("cpu ("), printed);
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("org.sparkxqa.spark.eval.BatchEvaluator"), "the class-load log works");
        assertFalse(loaded.contains("ai.rapids.cudf"), "the CPU path loaded cuDF classes (cuDF was on the classpath)");
        JsonNode summary = new ObjectMapper().readTree(report.toFile());
        assertEquals(48, summary.get("rows").asLong());
        assertEquals(0, summary.get("invalidRows").asLong());
        long batches = summary.get("batches").asLong();
        assertTrue(batches >= 10 && batches < 48, "48 rows in batches of at most 5 (per partition): " + batches);
        assertEquals("driver", summary.get("executors").get(0).get("executorId").asText());
        SparkSession spark = SparkTestSessions.start(SparkTestSessions.builder("SparkSubmitIT-check"));
        try {
            CpuReference.assertOutputMatches(spark, output, Submission.SPEC, 48);
        } finally {
            SparkTestSessions.stop(spark);
        }
    }
}
