package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.cuda.GpuProbe;
import org.sparkxqa.core.reference.RelativeError;
import org.sparkxqa.spark.Plans;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.TestRequests;
import org.sparkxqa.spark.TestRequests.Req;
import org.sparkxqa.spark.XqaPlugin;

/**
 * The columnar path on the GPU backend, through the plugin: over a Parquet table it gives the same
 * bytes as the row path (the kernel is batch invariant, and the two paths cut batches differently),
 * on- and off-heap vectors and the request reader ({@code xqa_requests}) alike, and every request is within the bf16 tolerance of the CPU backend.
 */
@Tag("gpu")
class XqaColumnarGpuTest {
    static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 8, 2, 128);
    static final String CALL = "xqa_attention(q, k, v, tree, 'bf16', 8, 2, 128)";
    static final int ROWS = 300;
    private static SparkSession spark;
    private static List<Req> reqs;
    private static String path;

    @BeforeAll
    static void start() throws Exception {
        GpuProbe.Result probe = GpuProbe.probe();
        Assumptions.assumeTrue(probe.available(), () -> "SKIPPED: no usable GPU: " + probe.reason());
        Path dir = Files.createTempDirectory("xqa-columnar-gpu");
        spark = SparkTestSessions.start(SparkTestSessions.builder("XqaColumnarGpuTest")
                .config("spark.plugins", XqaPlugin.class.getName())
                .config("spark.xqa.backend", "gpu")
                .config("spark.xqa.jit.cacheDir", dir.resolve("jit").toString())
                .config("spark.sql.parquet.columnarReaderBatchSize", "64"));
        reqs = TestRequests.random(SPEC, ROWS, 47);
        path = dir.resolve("requests").toString();
        XqaBatchingTest.table(spark, reqs, 4).write().parquet(path);
    }

    @AfterAll
    static void stop() {
        SparkTestSessions.stop(spark);
    }

    @Test
    void columnarAndRowPathsGiveTheSameBytesCloseToTheCpuBackend() {
        Map<Long, byte[]> columnar = outs(true, false, "parquet");
        Map<Long, byte[]> offHeap = outs(true, true, "parquet");
        Map<Long, byte[]> rows = outs(false, false, "parquet");
        Map<Long, byte[]> pages = outs(true, false, "xqa_requests");
        assertEquals(ROWS, columnar.size());
        for (Req r : reqs) {
            byte[] got = columnar.get(r.id());
            assertArrayEquals(rows.get(r.id()), got, "columnar vs row path, id " + r.id());
            assertArrayEquals(offHeap.get(r.id()), got, "off-heap vs on-heap vectors, id " + r.id());
            assertArrayEquals(pages.get(r.id()), got, "request reader vs Spark's scan, id " + r.id());
            byte[] cpu = r.cpuOut(SPEC);
            double[] ref = new double[cpu.length / 2];
            float[] c = ElementType.BF16.decodeAll(cpu);
            for (int i = 0; i < ref.length; i++) {
                ref[i] = c[i];
            }
            double err = RelativeError.of(ElementType.BF16, got, ref);
            assertTrue(err <= RelativeError.tolerance(SPEC), "id " + r.id() + ": relative error " + err);
        }
    }

    private static Map<Long, byte[]> outs(boolean columnar, boolean offHeap, String format) {
        spark.conf().set("spark.xqa.columnar.enabled", Boolean.toString(columnar));
        spark.conf().set("spark.sql.columnVector.offheap.enabled", Boolean.toString(offHeap));
        var df = spark.read().format(format).load(path).selectExpr("id", CALL + " AS out");
        List<Row> rows = df.collectAsList();
        assertEquals(columnar, Plans.xqaOperators(df).get(0).supportsColumnar(), "columnar path taken");
        Map<Long, byte[]> m = new HashMap<>();
        rows.forEach(r -> m.put(r.getLong(0), (byte[]) r.get(1)));
        return m;
    }
}
