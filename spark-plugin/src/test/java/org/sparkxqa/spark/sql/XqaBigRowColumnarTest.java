package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SimpleMode$;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.spark.SparkTestSessions;

/**
 * {@link XqaBigRowTest}'s request (Lk = 1,048,576, D = 256 bf16, 1 GiB of K/V) written to Parquet and
 * read back through the vectorized scan into the columnar operator, at {@code -Xmx8g}, with the scan's
 * vectors off the heap as the job's sessions set them. Tagged bigrow (run as {@link XqaBigRowTest} says).
 */
@Tag("bigrow")
class XqaBigRowColumnarTest {
    @Test
    void theMillionKeyRowGoesFromAParquetScanThroughTheColumnarOperator(TestReporter report, @TempDir Path dir) {
        long max = XqaBigRowTest.requireAnEightGigabyteHeap();
        SparkSession spark = SparkTestSessions.start(SparkTestSessions.builder("XqaBigRowColumnarTest")
                .master("local[1]")
                .config("spark.sql.extensions", "org.sparkxqa.spark.XqaSessionExtensions")
                .config("spark.sql.columnVector.offheap.enabled", "true"));
        long t0 = System.nanoTime();
        long writePeak;
        HeapPeak peak = new HeapPeak();
        HeapPeak readPeak = null;
        try {
            String path = dir.resolve("requests").toString();
            spark.range(0, 1, 1, 1)
                    .mapPartitions(new XqaBigRowTest.BigRow(), Encoders.row(XqaBigRowTest.BigRow.SCHEMA))
                    .write()
                    .parquet(path);
            writePeak = peak.bytes();
            peak.close();
            System.gc();
            readPeak = new HeapPeak();
            Dataset<Row> df = spark.read()
                    .parquet(path)
                    .selectExpr("id", "xqa_attention_result(q, k, v, NULL, 'bf16', 2, 1, 256) AS r")
                    .selectExpr("id", "r.out", "r.xqa_error");
            assertTrue(
                    df.queryExecution().explainString(SimpleMode$.MODULE$).contains(", columnar"),
                    "the operator runs columnar over the scan");
            XqaBigRowTest.assertTheTwoHeadsReadTheirKeys(df.collectAsList());
        } finally {
            peak.close();
            if (readPeak != null) {
                readPeak.close();
            }
            SparkTestSessions.stop(spark);
        }
        String summary = "Lk=" + XqaBigRowTest.LK + " D=" + XqaBigRowTest.D + " bf16 via Parquet, columnar: heap max "
                + (max >> 20) + " MiB, peak used " + (writePeak >> 20) + " MiB writing the file, "
                + (readPeak.bytes() >> 20) + " MiB reading and evaluating it, " + (System.nanoTime() - t0) / 1_000_000
                + " ms";
        System.out.println("XqaBigRowColumnarTest: " + summary);
        report.publishEntry("bigrow", summary);
    }
}
