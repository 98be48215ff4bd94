package org.sparkxqa.spark.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The executor's task cores and slots, from the master and Spark's core settings. */
class ExecutorCoresTest {
    private static final int HOST = 64;

    private static ExecutorCores of(String... keyValues) {
        Map<String, String> conf = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            conf.put(keyValues[i], keyValues[i + 1]);
        }
        return ExecutorCores.of(conf, HOST);
    }

    @Test
    void localMastersGiveTheirThreadCount() {
        assertEquals(1, of("spark.master", "local").cores());
        assertEquals(16, of("spark.master", "local[16]").cores());
        assertEquals(HOST, of("spark.master", "local[*]").cores());
        assertEquals(4, of("spark.master", "local[4,3]").cores(), "local[N,maxFailures]");
        assertEquals(HOST, of("spark.master", "local[*, 2]").cores());
        assertEquals(3, of("spark.master", "local-cluster[2, 3, 1024]").cores(), "cores per worker");
    }

    @Test
    void localMasterWinsOverExecutorCores() {
        assertEquals(
                16, of("spark.master", "local[16]", "spark.executor.cores", "2").cores());
    }

    @Test
    void clustersUseExecutorCoresElseSparksDefault() {
        assertEquals(
                5,
                of("spark.master", "spark://m:7077", "spark.executor.cores", "5")
                        .cores());
        assertEquals(HOST, of("spark.master", "spark://m:7077").cores(), "standalone: all cores of the worker");
        assertEquals(1, of("spark.master", "yarn").cores());
        assertEquals(1, of("spark.master", "k8s://https://api:6443").cores());
        assertEquals(HOST, of().cores(), "outside Spark: the whole host");
    }

    @Test
    void taskSlotsDivideByTaskCpus() {
        assertEquals(16, of("spark.master", "local[16]").taskSlots());
        assertEquals(8, of("spark.master", "local[16]", "spark.task.cpus", "2").taskSlots());
        assertEquals(
                1,
                of("spark.master", "spark://m:7077", "spark.executor.cores", "2", "spark.task.cpus", "4")
                        .taskSlots(),
                "never below one slot");
    }

    @Test
    void invalidCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ExecutorCores(0, 1, "x"));
        assertThrows(
                NumberFormatException.class, () -> of("spark.master", "spark://m", "spark.executor.cores", "many"));
    }
}
