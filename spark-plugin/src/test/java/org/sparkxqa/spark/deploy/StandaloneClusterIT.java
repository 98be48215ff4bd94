package org.sparkxqa.spark.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.spark.SparkTestSessions;

/**
 * The job on a real standalone cluster (Master and two Workers, separate JVMs on 127.0.0.1), each
 * Worker offering one "gpu" through the fixed-address discovery script (addresses 0 and 1). Two
 * executors of one core and 512 MiB, each asking for one GPU, run {@code run} (CPU backend): they
 * must report different GPU addresses, and the output must be the CPU backend's bits.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class StandaloneClusterIT {
    static final Duration START = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    /** Where the run's tasks went, for failure messages. */
    private static String taskLines(Path log) throws java.io.IOException {
        return String.join(
                "\n",
                Files.readAllLines(log).stream()
                        .filter(l ->
                                l.contains("Starting task") || l.contains("Registered executor") || l.contains("Lost"))
                        .toList());
    }

    @Test
    void twoExecutorsGetDifferentGpusAndMatchTheCpuBackend() throws Exception {
        String requests = dir.resolve("requests").toString();
        String output = dir.resolve("output").toString();
        Path report = dir.resolve("report.json");
        Path run = dir.resolve("run.log");
        Submission.of(
                        "spark-submit generate",
                        "local[1]",
                        Submission.job(
                                "generate",
                                "--output",
                                requests,
                                "--rows",
                                "64",
                                "--partitions",
                                "8",
                                "--max-kv-len",
                                "64"))
                .run(dir.resolve("generate.log"));
        // One input partition per generated file, none empty (a split of a file without its row group reads
        // nothing, and an executor given only such splits launches no batch): 8 partitions of 8 rows.
        try (StandaloneCluster cluster = StandaloneCluster.start(dir, List.of("0", "1"), START)) {
            Map<String, String> conf = new TreeMap<>(Map.of(
                    "spark.executor.resource.gpu.amount", "1",
                    "spark.task.resource.gpu.amount", "1",
                    "spark.executor.cores", "1",
                    "spark.executor.memory", "512m",
                    "spark.cores.max", "2",
                    "spark.scheduler.minRegisteredResourcesRatio", "1.0",
                    "spark.scheduler.maxRegisteredResourcesWaitingTime", "120s",
                    "spark.sql.files.maxPartitionBytes", "1m",
                    "spark.xqa.backend", "cpu"));
            try (JavaProcess job = Submission.of(
                            "spark-submit run (cluster)",
                            cluster.masterUrl(),
                            Submission.job(
                                    "run", "--input", requests, "--output", output, "--report", report.toString()))
                    .withConf(conf)
                    .start(run)) {
                assertEquals(0, job.waitFor(Submission.STEP), job.tail() + "\n" + cluster.logs());
            }
        }
        JsonNode summary = new ObjectMapper().readTree(report.toFile());
        System.out.println("cluster run report: " + summary);
        assertEquals(64, summary.get("rows").asLong());
        assertEquals(8, summary.get("batches").asLong(), "8 input partitions of 8 rows, one batch each");
        Map<String, String> gpuOfExecutor = new TreeMap<>();
        List<String> entries = new ArrayList<>();
        for (JsonNode use : summary.get("executors")) {
            gpuOfExecutor.put(use.get("executorId").asText(), use.get("gpu").asText());
            entries.add(use.toString());
        }
        assertEquals(2, gpuOfExecutor.size(), "two executors did the work: " + entries + "\n" + taskLines(run));
        assertEquals(
                new TreeSet<>(List.of("0", "1")),
                new TreeSet<>(gpuOfExecutor.values()),
                "each executor got its own GPU address: " + entries);
        SparkSession spark = SparkTestSessions.start(SparkTestSessions.builder("StandaloneClusterIT-check"));
        try {
            CpuReference.assertOutputMatches(spark, output, Submission.SPEC, 64);
        } finally {
            SparkTestSessions.stop(spark);
        }
    }
}
