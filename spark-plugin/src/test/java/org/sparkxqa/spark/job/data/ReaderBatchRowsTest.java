package org.sparkxqa.spark.job.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.BatchCap;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.SparkTestSessions;

/** Scan batches hold about one launch budget of the largest requests, within [1, 4096] rows. */
class ReaderBatchRowsTest {
    @TempDir
    Path dir;

    private static final AttentionSpec BF16 = AttentionSpec.of(ElementType.BF16, 32, 8, 128);

    @Test
    void largeRequestsGetAboutOneLaunchBudgetPerScanBatch() {
        long row = 8L * BF16.qTokenBytes() + 2L * 2048 * BF16.kvTokenBytes();
        int rows = ReaderBatchRows.forRequests(BF16, 8, 2048);
        assertEquals(BatchCap.BYTES / row, rows);
        assertEquals(31, rows);
    }

    @Test
    void fp8KvHalvesTheBytesSoTwiceTheRowsFit() {
        AttentionSpec fp8 = BF16.withKvType(ElementType.E4M3);
        int bf16Rows = ReaderBatchRows.forRequests(BF16, 1, 4096);
        int fp8Rows = ReaderBatchRows.forRequests(fp8, 1, 4096);
        assertEquals(2 * bf16Rows, fp8Rows, 1);
    }

    @Test
    void boundsAreOneRowAndSparksDefault() {
        assertEquals(1, ReaderBatchRows.forRequests(BF16, 64, AttentionSpec.MAX_KV_LEN));
        assertEquals(
                ReaderBatchRows.SPARK_DEFAULT,
                ReaderBatchRows.forRequests(AttentionSpec.of(ElementType.BF16, 1, 1, 64), 1, 1));
    }

    /** From the footers: the launch budget over the largest row group's q+k+v bytes per row. */
    @Test
    void filesGiveTheBudgetOverTheirLargestRowGroupMean() throws Exception {
        SparkSession spark = SparkTestSessions.shared();
        String small = dir.resolve("small").toString();
        String large = dir.resolve("large").toString();
        spark.range(40)
                .selectExpr(
                        "id",
                        "unhex(repeat('ab', 1000)) AS q",
                        "unhex(repeat('cd', 1000000)) AS k",
                        "unhex(repeat('ef', 1000000)) AS v")
                .coalesce(1)
                .write()
                .option("parquet.enable.dictionary", false)
                .parquet(large);
        spark.range(40)
                .selectExpr("id", "unhex('00') AS q", "unhex('01') AS k", "unhex('02') AS v")
                .write()
                .parquet(small);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String[] largeFiles = spark.read().parquet(large).inputFiles();
        int rows = ReaderBatchRows.forFiles(conf, largeFiles);
        assertTrue(rows >= BatchCap.BYTES / 2_010_000 && rows <= BatchCap.BYTES / 2_001_000, "rows " + rows);
        assertEquals(
                ReaderBatchRows.SPARK_DEFAULT,
                ReaderBatchRows.forFiles(conf, spark.read().parquet(small).inputFiles()));
        spark.range(3).write().parquet(dir.resolve("ids").toString());
        assertEquals(
                ReaderBatchRows.SPARK_DEFAULT,
                ReaderBatchRows.forFiles(
                        conf,
                        spark.read().parquet(dir.resolve("ids").toString()).inputFiles()));
    }

    /** A file that is not Parquet: {@code forFiles} fails, {@code forInput} falls back to Spark's default. */
    @Test
    void anUnreadableFooterFallsBackToSparksDefault() throws Exception {
        Path bad = dir.resolve("bad.parquet");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        Configuration conf = new Configuration();
        String[] files = {bad.toUri().toString()};
        assertThrows(Exception.class, () -> ReaderBatchRows.forFiles(conf, files));
        assertEquals(ReaderBatchRows.SPARK_DEFAULT, ReaderBatchRows.forInput(conf, files));
    }

    /** {@code during} sets the rows for its body only, and leaves a user's own setting alone. */
    @Test
    void duringSetsTheRowsForItsBodyOnly() {
        SparkSession spark = SparkTestSessions.shared();
        assertEquals("7", ReaderBatchRows.during(spark, 7, () -> spark.conf().get(ReaderBatchRows.KEY)));
        assertFalse(spark.conf().contains(ReaderBatchRows.KEY));
        spark.conf().set(ReaderBatchRows.KEY, "99");
        try {
            assertEquals(
                    "99", ReaderBatchRows.during(spark, 7, () -> spark.conf().get(ReaderBatchRows.KEY)));
        } finally {
            spark.conf().unset(ReaderBatchRows.KEY);
        }
    }
}
