package org.sparkxqa.spark.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.core.BackendUnavailableException;
import org.sparkxqa.core.backends.Backends;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.XqaSessionExtensions;
import org.sparkxqa.spark.executor.ExecutorServices;
import org.sparkxqa.spark.executor.ExecutorServicesRegistry;

/** Plugin start and stop, bad configuration at start, and backend=gpu on a machine without a GPU. */
class XqaPluginLifecycleTest {

    /** Other test classes share a long-lived session; these tests need to start fresh contexts. */
    @BeforeEach
    void stopLeftoverSessions() {
        SparkTestSessions.stop(SparkSession.getDefaultSession().getOrElse(() -> null));
        SparkTestSessions.stop(SparkSession.getActiveSession().getOrElse(() -> null));
    }

    private static SparkSession.Builder withPlugin(String app) {
        return SparkTestSessions.builder(app).config("spark.plugins", "org.sparkxqa.spark.XqaPlugin");
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c).append('\n');
        }
        return all.toString();
    }

    @Test
    void startStopStartAgain() {
        for (int round = 0; round < 2; round++) {
            ExecutorServices services;
            SparkSession spark = SparkTestSessions.start(withPlugin("lifecycle-" + round));
            try {
                assertEquals(
                        0,
                        spark.sql("SELECT xqa_attention(xqa_from_floats(array_repeat(0.5, 256), 'bf16'),"
                                        + " xqa_from_floats(array_repeat(1.0, 128), 'bf16'), xqa_from_floats(array_repeat(2.0, 128), 'bf16'),"
                                        + " NULL, 'bf16', 4, 2, 64) AS out")
                                .selectExpr("size(filter(xqa_to_floats(out, 'bf16'), x -> x != 2.0))")
                                .first()
                                .getInt(0),
                        "round " + round + ": one visible key of value 2 gives 2 everywhere");
                services = ExecutorServicesRegistry.installedOrNull();
                assertTrue(services.executorBackends().isOpen());
            } finally {
                SparkTestSessions.stop(spark);
            }
            assertFalse(services.executorBackends().isOpen(), "round " + round);
            assertNull(ExecutorServicesRegistry.installedOrNull(), "round " + round);
        }
    }

    @Test
    void badKeyOrValueFailsSparkContextStart() {
        Exception e = assertThrows(
                Exception.class,
                () -> SparkTestSessions.start(withPlugin("bad-key").config("spark.xqa.batch.maxRow", "4")));
        assertTrue(
                messages(e).contains("Spark XQA: invalid configuration: unknown setting spark.xqa.batch.maxRow"),
                messages(e));
        e = assertThrows(
                Exception.class,
                () -> SparkTestSessions.start(withPlugin("bad-value").config("spark.xqa.onInvalidRow", "drop")));
        assertTrue(messages(e).contains("invalid value 'drop' for spark.xqa.onInvalidRow"), messages(e));
    }

    @Test
    void gpuBackendWithoutAGpuFailsExecutorStartNamingWhatIsMissing() {
        try {
            Backends.open(BackendKind.GPU).close();
            assumeTrue(false, "a GPU backend is usable here");
        } catch (BackendUnavailableException expected) {
            Exception e = assertThrows(
                    Exception.class,
                    () -> SparkTestSessions.start(withPlugin("gpu-missing").config("spark.xqa.backend", "gpu")));
            assertTrue(
                    messages(e)
                            .contains("spark.xqa.backend=gpu but the GPU backend cannot start on executor driver: "
                                    + expected.getMessage()),
                    messages(e));
        } finally {
            SparkTestSessions.stop(SparkSession.getDefaultSession().getOrElse(() -> null));
        }
    }

    @Test
    void extensionsAreAppendedOnce() {
        SparkConf conf = new SparkConf(false).set("spark.sql.extensions", "a.B, c.D");
        XqaDriverPlugin.addExtensions(conf, XqaSessionExtensions.class.getName());
        XqaDriverPlugin.addExtensions(conf, XqaSessionExtensions.class.getName());
        assertEquals("a.B,c.D,org.sparkxqa.spark.XqaSessionExtensions", conf.get("spark.sql.extensions"));
    }
}
