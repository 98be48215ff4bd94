package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.cuda.GpuProbe;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.job.report.RunReport;

/**
 * {@code run --gpu-reader} (cuDF reads, evaluates and writes each file on the GPU) against the
 * Spark-reader path of {@code run} on the same files: the same rows, the same columns in the same
 * order, the same {@code out} bytes, launches cut by {@code batch.maxRows}. It needs a session with
 * {@code backend=gpu} from the start, so it stops any session an earlier test left running.
 */
@Tag("gpu")
class GpuReaderGpuTest {
    @TempDir
    static Path dir;

    @Test
    void gpuReaderOutputEqualsTheSparkReaderOutput() {
        GpuProbe.Result probe = GpuProbe.probe();
        Assumptions.assumeTrue(probe.available(), () -> "SKIPPED: no usable GPU: " + probe.reason());
        String in = Cli.generate(dir.resolve("in"), 300, 8, 1500, 3, 5);
        AttentionSpec spec = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
        SparkTestSessions.stop(SparkSession.getActiveSession()
                .getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> null)));
        SparkSession spark = JobSession.open(
                null, "gpu-reader", Map.of("spark.xqa.backend", "gpu", "spark.xqa.batch.maxRows", "32"));
        String sparkOut = dir.resolve("spark-reader").toString();
        String gpuOut = dir.resolve("gpu-reader").toString();
        RunReport viaSpark = RunCommand.run(spark, spec, in, sparkOut, null, false);
        RunReport viaGpu = GpuReaderPath.run(spark, spec, in, gpuOut, null, false);
        assertEquals(300, viaSpark.rows());
        assertEquals(300, viaGpu.rows());
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
