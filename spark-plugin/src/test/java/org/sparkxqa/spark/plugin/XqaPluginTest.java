package org.sparkxqa.spark.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.metrics.source.Source;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.Plans;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.TestRequests;
import org.sparkxqa.spark.TestRequests.Req;
import org.sparkxqa.spark.executor.ExecutorServices;
import org.sparkxqa.spark.executor.ExecutorServicesRegistry;
import org.sparkxqa.spark.executor.XqaMetrics;
import org.sparkxqa.spark.sql.Scala;

/** A session with only {@code spark.plugins} set: the plugin adds the extensions and sets up the executor. */
class XqaPluginTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.FP16, 8, 8, 128);
    private static SparkSession spark;
    private static ExecutorServices services;

    @BeforeAll
    static void start() {
        spark = SparkTestSessions.start(SparkTestSessions.builder("XqaPluginTest")
                .config("spark.plugins", "org.sparkxqa.spark.XqaPlugin")
                .config("spark.xqa.concurrentGpuTasks", "3"));
        services = ExecutorServicesRegistry.installedOrNull();
    }

    @AfterAll
    static void stop() {
        SparkTestSessions.stop(spark);
        assertNull(ExecutorServicesRegistry.installedOrNull(), "plugin shutdown uninstalls the executor's services");
        assertFalse(services.executorBackends().isOpen(), "plugin shutdown closes the shared backend");
    }

    @Test
    void pluginAloneEnablesTheSqlFunction() {
        List<Req> reqs = TestRequests.random(SPEC, 3, 5);
        spark.createDataFrame(reqs.stream().map(Req::row).toList(), TestRequests.SCHEMA)
                .createOrReplaceTempView("t");
        Dataset<Row> df = spark.sql("SELECT id, xqa_attention(q, k, v, tree, 'fp16', 8, 8, 128) FROM t ORDER BY id");
        List<Row> rows = df.collectAsList();
        for (Row r : rows) {
            assertArrayEquals(reqs.get((int) r.getLong(0)).cpuOut(SPEC), (byte[]) r.get(1));
        }
        assertEquals(1, Plans.xqaOperators(df).size());
        assertEquals(
                "org.sparkxqa.spark.XqaSessionExtensions",
                spark.sparkContext().conf().get("spark.sql.extensions"));
    }

    @Test
    void executorSideIsPrepared() {
        assertNotNull(services, "the executor plugin installed the executor's services");
        assertEquals(0, services.gpu().device().getAsInt(), services.gpu().reason());
        assertTrue(services.gpu().reason().contains("local mode"));
        assertEquals(3, services.gpuPermits().size());
    }

    @Test
    void metricsAreRegisteredAndMove() {
        List<Source> sources =
                Scala.list(SparkEnv.get().metricsSystem().getSourcesByName("plugin.org.sparkxqa.spark.XqaPlugin"));
        assertEquals(1, sources.size(), "the executor plugin's metric source");
        MetricRegistry registry = sources.get(0).metricRegistry();
        Counter batches = registry.counter("batches");
        XqaMetrics metrics = services.metrics();
        assertSame(metrics.batches, batches);
        assertTrue(registry.getCounters()
                .keySet()
                .containsAll(List.of(
                        "rows",
                        "backendNanos",
                        "bytesCopied",
                        "jitCompiles",
                        "jitCacheHits",
                        "jitNanos",
                        "invalidRows")));
        long before = batches.getCount();
        long rowsBefore = metrics.rows.getCount();
        spark.createDataFrame(
                        TestRequests.random(SPEC, 2, 9).stream().map(Req::row).toList(), TestRequests.SCHEMA)
                .coalesce(1)
                .selectExpr("xqa_attention(q, k, v, tree, 'fp16', 8, 8, 128)")
                .collect();
        assertEquals(before + 1, batches.getCount());
        assertEquals(rowsBefore + 2, metrics.rows.getCount());
        assertTrue(metrics.backendNanos.getCount() > 0 && metrics.bytesCopied.getCount() > 0);
    }
}
