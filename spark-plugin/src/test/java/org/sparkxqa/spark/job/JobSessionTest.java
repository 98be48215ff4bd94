package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.job.error.UserErrors;
import org.sparkxqa.spark.job.error.UserInputException;

/** The job's session: the plugin is added once; a running session is reused without leaking settings. */
class JobSessionTest {
    static final String PLUGIN = "org.sparkxqa.spark.XqaPlugin";

    @Test
    void pluginIsAppendedToTheListedOnesOnce() {
        assertEquals(PLUGIN, JobSession.withPlugin(""));
        assertEquals("com.nvidia.spark.SQLPlugin," + PLUGIN, JobSession.withPlugin("com.nvidia.spark.SQLPlugin"));
        assertEquals("a.B," + PLUGIN, JobSession.withPlugin(" a.B , " + PLUGIN));
    }

    @Test
    void aSessionTheJobStartsCachesInColumnsAndScansIntoNativeMemory() {
        SparkTestSessions.stop(SparkTestSessions.shared());
        SparkSession job = JobSession.open(
                "local[2]",
                "job",
                Map.of(
                        "spark.ui.enabled",
                        "false",
                        "spark.driver.bindAddress",
                        "127.0.0.1",
                        "spark.driver.host",
                        "127.0.0.1",
                        "spark.xqa.backend",
                        "cpu"));
        try {
            assertEquals(
                    "org.sparkxqa.spark.cache.XqaCachedBatchSerializer",
                    job.sparkContext().conf().get("spark.sql.cache.serializer"));
            assertEquals(PLUGIN, job.sparkContext().conf().get("spark.plugins"));
            assertEquals("true", job.conf().get("spark.sql.columnVector.offheap.enabled"));
        } finally {
            SparkTestSessions.stop(job);
        }
    }

    @Test
    void runtimeSettingsGoToANewSessionOfTheRunningOne() {
        SparkSession shared = SparkTestSessions.shared();
        SparkSession job = JobSession.open(null, "job", Map.of("spark.xqa.batch.maxRows", "7"));
        assertNotSame(shared, job);
        assertEquals("7", job.conf().get("spark.xqa.batch.maxRows"));
        assertFalse(shared.conf().contains("spark.xqa.batch.maxRows"), "the caller's session is unchanged");
    }

    @Test
    void startupSettingsMustAgreeWithTheRunningSession() {
        SparkTestSessions.shared();
        assertEquals(
                "cpu",
                JobSession.open(null, "job", Map.of("spark.xqa.backend", "CPU"))
                        .conf()
                        .get("spark.xqa.backend"));
        UserInputException e = assertThrows(
                UserInputException.class, () -> JobSession.open(null, "job", Map.of("spark.xqa.backend", "gpu")));
        assertEquals(
                "the running Spark session has spark.xqa.backend=cpu, read once at startup; gpu needs a new session",
                e.getMessage());
        assertTrue(UserErrors.message(e).isPresent());
    }
}
