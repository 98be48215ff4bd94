package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.Plans;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.TestRequests;
import org.sparkxqa.spark.TestRequests.Req;

/**
 * Through Spark, on the CPU backend with {@code spark.xqa.test.faults=oom-above:B}: batches that do
 * not fit are split and retried on both paths, with the same bytes as a plain run, and the retries
 * and splits show as SQL metrics; a row too large alone gets NULL and its bytes, or fails the task naming it.
 */
class XqaOomRetryTest {
    private static final AttentionSpec SPEC = XqaBatchingTest.SPEC;
    private static final String CALL = "xqa_attention_result(q, k, v, tree, 'bf16', 4, 2, 64)";
    private static final int ROWS = 12;
    private static SparkSession spark;
    private static List<Req> reqs;
    private static long limit;

    @BeforeAll
    static void start() throws Exception {
        Random rnd = new Random(11);
        reqs = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            reqs.add(TestRequests.of(SPEC, i, 2, 30, null, rnd));
        }
        limit = 3 * staging(reqs.get(0));
        spark = SparkTestSessions.start(SparkTestSessions.builder("XqaOomRetryTest")
                .config("spark.plugins", "org.sparkxqa.spark.XqaPlugin")
                .config("spark.xqa.test.faults", "oom-above:" + limit)
                .config("spark.sql.parquet.columnarReaderBatchSize", "64"));
        XqaBatchingTest.table(spark, reqs, 1).createOrReplaceTempView("t");
        String path = Files.createTempDirectory("xqa-oom").resolve("t").toString();
        XqaBatchingTest.table(spark, reqs, 1).write().parquet(path);
        spark.read().parquet(path).createOrReplaceTempView("p");
        List<Req> withBig = new ArrayList<>(reqs.subList(0, 3));
        withBig.add(TestRequests.of(SPEC, 99, 2, 400, null, rnd));
        XqaBatchingTest.table(spark, withBig, 1).createOrReplaceTempView("big");
    }

    @AfterAll
    static void stop() {
        SparkTestSessions.stop(spark);
    }

    @AfterEach
    void resetConf() {
        spark.conf().unset("spark.xqa.onInvalidRow");
    }

    /** q+k+v and out: what the simulated staging of one request asks for. */
    private static long staging(Req r) {
        return r.q().length * 2L + r.k().length + r.v().length;
    }

    private static void assertSplitAndIdentical(String view, boolean columnar) {
        Dataset<Row> df = spark.sql("SELECT id, " + CALL + " AS r FROM " + view);
        List<Row> rows = df.collectAsList();
        assertEquals(ROWS, rows.size());
        for (Row row : rows) {
            Row r = row.getStruct(1);
            assertNull(r.get(1), "no row fails: each fits alone");
            assertArrayEquals(reqs.get((int) row.getLong(0)).cpuOut(SPEC), (byte[]) r.get(0), "row " + row.getLong(0));
        }
        XqaAttentionExecMetrics m = XqaAttentionExecMetrics.of(df);
        assertEquals(columnar, m.columnar(), "the path taken");
        assertTrue(m.value("oomSplits") >= 3, "12 rows in launches of at most 3 need at least 3 splits: " + m);
        assertTrue(m.value("oomRetries") >= 2 * m.value("oomSplits") - 1, m.toString());
    }

    @Test
    void rowPathSplitsAndGivesTheSameBytes() {
        assertSplitAndIdentical("t", false);
    }

    @Test
    void columnarPathSplitsAndGivesTheSameBytes() {
        assertSplitAndIdentical("p", true);
    }

    @Test
    void aRowTooLargeAloneIsNullWithItsBytesAndTheOthersAreComputed() {
        spark.conf().set("spark.xqa.onInvalidRow", "null");
        List<Row> rows =
                spark.sql("SELECT id, " + CALL + " AS r FROM big ORDER BY id").collectAsList();
        assertEquals(4, rows.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(
                    reqs.get(i).cpuOut(SPEC), (byte[]) rows.get(i).getStruct(1).get(0));
        }
        Row big = rows.get(3).getStruct(1);
        assertNull(big.get(0));
        assertTrue(
                big.getString(1)
                        .matches("does not fit in memory even alone in a batch: out of pinned host memory: "
                                + "needs \\d+ bytes, " + limit + " bytes available"),
                big.getString(1));
    }

    @Test
    void underFailARowTooLargeAloneFailsTheTaskNamingIt() {
        Exception e = assertThrows(
                Exception.class, () -> spark.sql("SELECT " + CALL + " FROM big").collect());
        StringBuilder all = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        assertTrue(
                all.toString()
                        .contains("invalid row id=99: does not fit in memory even alone in a batch: out of "
                                + "pinned host memory: needs "),
                all.toString());
    }

    /** The batched operator's SQL metrics after a query ran. */
    private record XqaAttentionExecMetrics(boolean columnar, java.util.Map<String, Long> values) {
        static XqaAttentionExecMetrics of(Dataset<Row> df) {
            var op = Plans.xqaOperators(df).get(0);
            java.util.Map<String, Long> values = new java.util.TreeMap<>();
            for (String key : List.of("oomRetries", "oomSplits", "batches", "rows")) {
                values.put(key, op.metrics().apply(key).value());
            }
            return new XqaAttentionExecMetrics(op.supportsColumnar(), values);
        }

        long value(String key) {
            return values.get(key);
        }
    }
}
