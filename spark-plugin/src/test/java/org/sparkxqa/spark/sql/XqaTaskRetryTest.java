package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.memory.LiveAllocations;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.TestRequests;
import org.sparkxqa.spark.TestRequests.Req;

/**
 * A task that fails or is killed inside the backend call leaves no staging behind (the simulated
 * pinned and device buffers of the CPU backend under {@code spark.xqa.test.faults}, counted in
 * {@link LiveAllocations}), and Spark's retry, or the attempt that was not killed, gives the same
 * bytes as a clean run.
 */
class XqaTaskRetryTest {
    private static final String CALL = "xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64)";
    private static final List<Req> REQS = TestRequests.random(XqaBatchingTest.SPEC, 10, 21);
    private SparkSession spark;

    @AfterEach
    void stop() {
        SparkTestSessions.stop(spark);
    }

    private void start(String faults) {
        spark = SparkTestSessions.start(SparkTestSessions.builder("XqaTaskRetryTest")
                .master("local[2,4]")
                .config("spark.plugins", "org.sparkxqa.spark.XqaPlugin")
                .config("spark.xqa.test.faults", faults)
                .config("spark.xqa.batch.maxRows", "2"));
        XqaBatchingTest.table(spark, REQS, 2).createOrReplaceTempView("t");
    }

    private List<Row> run() {
        return spark.sql("SELECT id, " + CALL + " AS out FROM t ORDER BY id").collectAsList();
    }

    private static void assertClean(List<Row> rows) {
        assertEquals(REQS.size(), rows.size());
        for (Row r : rows) {
            assertArrayEquals(
                    REQS.get((int) r.getLong(0)).cpuOut(XqaBatchingTest.SPEC),
                    (byte[]) r.get(1),
                    "row " + r.getLong(0));
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting until " + what + ": " + LiveAllocations.snapshot());
            Thread.sleep(20);
        }
    }

    @Test
    void anExceptionInsideTheBackendCallIsRetriedBySparkWithTheSameBytesAndNoLeak() throws Exception {
        LiveAllocations.Snapshot before = LiveAllocations.snapshot();
        start("fail-nth:1");
        AtomicInteger failedAttempts = new AtomicInteger();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (!(end.reason() instanceof Success$)) {
                    failedAttempts.incrementAndGet();
                }
            }
        });
        assertClean(run());
        spark.sparkContext().listenerBus().waitUntilEmpty();
        assertEquals(1, failedAttempts.get(), "one attempt failed and Spark ran it again");
        assertEquals(before, LiveAllocations.snapshot());
    }

    @Test
    void aKilledAttemptLeavesNothingWhileTheOtherAttemptAndTheRerunGiveTheSameBytes() throws Exception {
        LiveAllocations.Snapshot before = LiveAllocations.snapshot();
        start("block-nth:1");
        CompletableFuture<Throwable> killed = CompletableFuture.supplyAsync(() -> {
            spark.sparkContext().setJobGroup("doomed", "an attempt that will be killed", true);
            try {
                run();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        await(
                () -> LiveAllocations.snapshot().hostBuffers() > before.hostBuffers(),
                "the first call holds its staging");
        assertClean(run());
        spark.sparkContext().cancelJobGroup("doomed");
        Throwable failure = killed.get(60, TimeUnit.SECONDS);
        assertNotNull(failure, "the killed job failed");
        assertTrue(String.valueOf(failure.getMessage()).contains("cancel"), String.valueOf(failure));
        await(() -> LiveAllocations.snapshot().equals(before), "the killed task released its staging");
        assertClean(run());
        assertEquals(before, LiveAllocations.snapshot());
    }
}
