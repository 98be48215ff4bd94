package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SimpleMode$;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.gpu.cuda.GpuProbe;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.XqaPlugin;

/**
 * {@link XqaBigRowTest}'s request (Lk = 1,048,576, D = 256 bf16, 1 GiB of K/V) on the GPU backend, at
 * {@code -Xmx8g}: through the row path, then written to Parquet and read back into the columnar operator.
 * Tagged gpu and bigrow: on the device machine, run in a JVM of its own with {@code -Xmx8g}.
 */
@Tag("gpu")
@Tag("bigrow")
class XqaBigRowGpuTest {
    @Test
    void theMillionKeyRowRunsOnTheGpuThroughTheRowAndColumnarPaths(TestReporter report, @TempDir Path dir) {
        long max = XqaBigRowTest.requireAnEightGigabyteHeap();
        GpuProbe.Result probe = GpuProbe.probe();
        Assumptions.assumeTrue(probe.available(), () -> "SKIPPED: no usable GPU: " + probe.reason());
        SparkSession spark = SparkTestSessions.start(SparkTestSessions.builder("XqaBigRowGpuTest")
                .master("local[1]")
                .config("spark.plugins", XqaPlugin.class.getName())
                .config("spark.xqa.backend", "gpu")
                .config("spark.sql.columnVector.offheap.enabled", "true"));
        StringBuilder summary = new StringBuilder("Lk=" + XqaBigRowTest.LK + " D=" + XqaBigRowTest.D
                + " bf16 on the GPU, heap max " + (max >> 20) + " MiB:");
        try {
            Dataset<Row> rows = spark.range(0, 1, 1, 1)
                    .mapPartitions(new XqaBigRowTest.BigRow(), Encoders.row(XqaBigRowTest.BigRow.SCHEMA));
            summary.append(" rows ").append(evaluate(rows, false));
            String path = dir.resolve("requests").toString();
            rows.write().parquet(path);
            System.gc();
            summary.append("; Parquet, columnar ").append(evaluate(spark.read().parquet(path), true));
        } finally {
            SparkTestSessions.stop(spark);
        }
        System.out.println("XqaBigRowGpuTest: " + summary);
        report.publishEntry("bigrow", summary.toString());
    }

    /** Evaluates the one row, checks what the two heads read, and says the peak heap used and the time. */
    private static String evaluate(Dataset<Row> requests, boolean columnar) {
        long t0 = System.nanoTime();
        try (HeapPeak peak = new HeapPeak()) {
            Dataset<Row> df = requests.selectExpr("id", "xqa_attention_result(q, k, v, NULL, 'bf16', 2, 1, 256) AS r")
                    .selectExpr("id", "r.out", "r.xqa_error");
            if (columnar) {
                assertTrue(
                        df.queryExecution().explainString(SimpleMode$.MODULE$).contains(", columnar"),
                        "the operator runs columnar over the scan");
            }
            XqaBigRowTest.assertTheTwoHeadsReadTheirKeys(df.collectAsList());
            return "peak heap used " + (peak.bytes() >> 20) + " MiB, " + (System.nanoTime() - t0) / 1_000_000 + " ms";
        }
    }
}
