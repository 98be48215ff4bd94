package org.sparkxqa.spark.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.core.cpu.CpuBackend;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.config.QueryBackend;
import org.sparkxqa.spark.config.XqaConf;

/** The executor's CPU backend uses the executor's task cores; queries may ask for the CPU backend. */
class ExecutorBackendsTest {

    @BeforeEach
    void stopLeftoverSessions() {
        SparkTestSessions.stop(SparkSession.getDefaultSession().getOrElse(() -> null));
        SparkTestSessions.stop(SparkSession.getActiveSession().getOrElse(() -> null));
        ExecutorServicesRegistry.closeCurrent();
    }

    @AfterEach
    void closeBackends() {
        ExecutorServicesRegistry.closeCurrent();
    }

    @Test
    void cpuBackendOfALocalExecutorHasLocalNThreadsNotTheHostsCores() {
        SparkSession spark = SparkTestSessions.start(SparkTestSessions.builder("executor-cores")
                .master("local[7]")
                .config("spark.plugins", "org.sparkxqa.spark.XqaPlugin"));
        try {
            spark.sql("SELECT xqa_attention(xqa_from_floats(array_repeat(0.5, 256), 'bf16'),"
                            + " xqa_from_floats(array_repeat(1.0, 128), 'bf16'), xqa_from_floats(array_repeat(2.0, 128), 'bf16'),"
                            + " NULL, 'bf16', 4, 2, 64) AS out")
                    .collect();
            assertEquals(
                    "cpu (7 threads)",
                    ExecutorServicesRegistry.current()
                            .executorBackends()
                            .current()
                            .name());
            assertEquals(7, ExecutorSettings.cores().cores());
        } finally {
            SparkTestSessions.stop(spark);
        }
    }

    @Test
    void queryBackendCpuOpensTheCpuBackendWhateverTheExecutorChose() {
        try (ExecutorBackends backends = new ExecutorBackends(
                () -> BackendKind.GPU, ExecutorSettings::cores, () -> ExecutorGpuOptions.of(XqaConf.defaults()))) {
            AttentionBackend cpu = backends.backend(QueryBackend.CPU);
            assertInstanceOf(CpuBackend.class, cpu);
            assertEquals(Set.of(BackendKind.CPU), backends.openKinds(), "the GPU backend was not opened");
            assertSame(cpu, backends.backend(QueryBackend.CPU), "shared, opened once");
            assertEquals(
                    "cpu (" + Runtime.getRuntime().availableProcessors() + " threads)",
                    cpu.name(),
                    "outside Spark the executor is the whole host");
        }
    }
}
