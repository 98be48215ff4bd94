package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.cuda.GpuProbe;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.config.XqaConf;
import org.sparkxqa.spark.gpureader.GpuReaderRun;
import org.sparkxqa.spark.gpureader.GpuReaderSettings;
import org.sparkxqa.spark.job.data.RequestColumns;
import org.sparkxqa.spark.job.data.RequestTables;
import org.sparkxqa.spark.job.report.RunReport;
import org.sparkxqa.spark.sql.Scala;

/**
 * {@code run --gpu-reader} (cuDF reads, evaluates and writes each file on the GPU) against the
 * Spark-reader path of {@code run} on the same files: the same rows, the same columns in the same
 * order, the same {@code out} bytes, launches cut by {@code batch.maxRows}; under the NULL policy the
 * same NULL outs and {@code xqa_error} reasons for corrupted rows. It needs a session with
 * {@code backend=gpu} from the start, so it stops any session an earlier test left running.
 */
@Tag("gpu")
class GpuReaderGpuTest {
    /** The spec {@code Cli.generate} writes. */
    static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64);

    @TempDir
    static Path dir;

    @Test
    void gpuReaderOutputEqualsTheSparkReaderOutput() {
        SparkSession spark = gpuSession();
        String in = Cli.generate(dir.resolve("in"), 300, 8, 1500, 3, 5);
        assertSameOutputs(spark, dir, in, "valid", 300, 0);
    }

    /**
     * With a 1 MiB chunk limit each file is decoded, evaluated and encoded in many chunks, appended to
     * one output file per input file: the same output, and rows of later chunks keep their order. The
     * files have a page per row and 8 rows per row group, because cuDF cuts chunks only between pages.
     */
    @Test
    void filesDecodedInManySmallChunksGiveTheSameOutput() {
        SparkSession spark = gpuSession();
        String generated = Cli.generate(dir.resolve("in-chunks-generated"), 240, 8, 1500, 3, 7);
        String in = ParquetPages.rewrite(spark, generated, dir.resolve("in-chunks"), 1, 8);
        assertEquals(240, ParquetPages.layout(dir.resolve("in-chunks")).kPages());
        spark.conf().set("spark.xqa.gpuReader.chunkBytes", "1m");
        try {
            GpuReaderRun.Result r = gpuReader(spark, in, dir.resolve("chunks-count"));
            assertEquals(240, r.rows());
            assertTrue(r.chunks() > 3 * r.files(), r.chunks() + " chunks for " + r.files() + " files");
            assertEquals(0, r.chunkRetries());
            assertSameOutputs(spark, dir, in, "chunked", 240, 0);
        } finally {
            spark.conf().unset("spark.xqa.gpuReader.chunkBytes");
        }
    }

    /** Under {@code onInvalidRow=null}: the same NULL outs and the same reasons in {@code xqa_error}. */
    @Test
    void underTheNullPolicyInvalidRowsGetTheSameNullsAndReasons() {
        SparkSession spark = gpuSession();
        String valid = Cli.generate(dir.resolve("in-for-bad"), 200, 8, 1200, 3, 6);
        String bad = dir.resolve("bad").toString();
        spark.read()
                .parquet(valid)
                .withColumn(
                        "k",
                        functions.expr("CASE WHEN id % 17 = 3 THEN substring(k, 1, octet_length(k) - 2) ELSE k END"))
                .withColumn("q", functions.expr("CASE WHEN id % 23 = 5 THEN CAST(NULL AS BINARY) ELSE q END"))
                .withColumn("tree", functions.expr("CASE WHEN id % 29 = 7 THEN array(CAST(NULL AS INT)) ELSE tree END"))
                .repartition(3)
                .write()
                .parquet(bad);
        long invalid = spark.read()
                .parquet(bad)
                .where("id % 17 = 3 OR id % 23 = 5 OR id % 29 = 7")
                .count();
        spark.conf().set("spark.xqa.onInvalidRow", "null");
        try {
            assertSameOutputs(spark, dir, bad, "null-policy", 200, invalid);
        } finally {
            spark.conf().unset("spark.xqa.onInvalidRow");
        }
    }

    private static SparkSession gpuSession() {
        GpuProbe.Result probe = GpuProbe.probe();
        Assumptions.assumeTrue(probe.available(), () -> "SKIPPED: no usable GPU: " + probe.reason());
        SparkSession active = SparkSession.getActiveSession()
                .getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> null));
        if (active != null && "gpu".equals(active.conf().get("spark.xqa.backend", ""))) {
            return active;
        }
        SparkTestSessions.stop(active);
        return JobSession.open(null, "gpu-reader", Map.of("spark.xqa.backend", "gpu", "spark.xqa.batch.maxRows", "32"));
    }

    /** {@code GpuReaderRun} over {@code in} into {@code out} under the session's settings, with its counts. */
    static GpuReaderRun.Result gpuReader(SparkSession spark, String in, Path out) {
        return GpuReaderRun.run(
                spark,
                SPEC,
                in,
                out.toString(),
                RequestColumns.TREE,
                GpuReaderSettings.of(XqaConf.from(Scala.map(spark.conf().getAll()))));
    }

    static void assertSameOutputs(SparkSession spark, Path dir, String in, String name, long rows, long invalid) {
        String sparkOut = dir.resolve(name + "-spark-reader").toString();
        String gpuOut = dir.resolve(name + "-gpu-reader").toString();
        RunReport viaSpark = RunCommand.run(spark, SPEC, in, RequestTables.Reader.XQA, sparkOut, null, false);
        RunReport viaGpu = GpuReaderPath.run(spark, SPEC, in, gpuOut, null, false);
        assertEquals(rows, viaSpark.rows());
        assertEquals(rows, viaGpu.rows());
        assertEquals(invalid, viaSpark.invalidRows());
        assertEquals(invalid, viaGpu.invalidRows());
        List<Row> a = spark.read().parquet(sparkOut).orderBy("id").collectAsList();
        List<Row> b = spark.read().parquet(gpuOut).orderBy("id").collectAsList();
        assertEquals(
                List.of(spark.read().parquet(sparkOut).columns()),
                List.of(spark.read().parquet(gpuOut).columns()));
        assertEquals(a.size(), b.size());
        for (int r = 0; r < a.size(); r++) {
            assertEquals(a.get(r).getLong(0), b.get(r).getLong(0));
            for (int c = 1; c < a.get(r).length(); c++) {
                Object x = a.get(r).get(c);
                Object y = b.get(r).get(c);
                if (x instanceof byte[] bytes) {
                    assertArrayEquals(bytes, (byte[]) y, "id " + a.get(r).getLong(0) + " column " + c);
                } else {
                    assertEquals(x, y, "id " + a.get(r).getLong(0) + " column " + c);
                }
            }
        }
    }
}
