package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.TestRequests;
import org.sparkxqa.spark.TestRequests.Req;

/**
 * Invalid rows under both policies. {@code fail}: the task fails naming the row ({@code id}, else its
 * position) and the reason. {@code null}: {@code xqa_attention} gives NULL and {@code xqa_attention_result}
 * carries the reason in {@code xqa_error}; no row is dropped.
 */
class XqaInvalidRowTest {
    private static final String ARGS = "(q, k, v, tree, 'bf16', 4, 2, 64)";
    private static SparkSession spark;
    private static List<Req> reqs;

    @BeforeAll
    static void start() {
        spark = SparkTestSessions.start(SparkTestSessions.builder("XqaInvalidRowTest")
                .config("spark.sql.extensions", "org.sparkxqa.spark.XqaSessionExtensions"));
        Random rnd = new Random(3);
        reqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            reqs.add(TestRequests.of(XqaBatchingTest.SPEC, i, 2, 5, null, rnd));
        }
        Req r2 = reqs.get(2);
        reqs.set(2, new Req(2, new byte[3], r2.k(), r2.v(), null));
        Req r4 = reqs.get(4);
        reqs.set(4, new Req(4, r4.q(), r4.k(), r4.v(), new int[] {-1, 1}));
        XqaBatchingTest.table(spark, reqs, 1).createOrReplaceTempView("t");
    }

    @AfterAll
    static void stop() {
        SparkTestSessions.stop(spark);
    }

    @AfterEach
    void resetConf() {
        spark.conf().unset("spark.xqa.onInvalidRow");
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void failPolicyNamesTheRowIdAndTheReason() {
        Exception e = assertThrows(
                Exception.class,
                () -> spark.sql("SELECT id, xqa_attention" + ARGS + " FROM t").collect());
        String msg = rootMessage(e);
        assertTrue(msg.contains("invalid row id=2: q has 3 bytes, not a whole number of 512-byte tokens"), msg);
    }

    @Test
    void failPolicyWithoutAnIdColumnNamesThePosition() {
        StructType noId = new StructType(java.util.Arrays.copyOfRange(TestRequests.SCHEMA.fields(), 1, 5));
        List<Row> rows = reqs.stream()
                .map(r -> RowFactory.create(r.q(), r.k(), r.v(), null))
                .toList();
        Dataset<Row> df = spark.createDataFrame(rows, noId).coalesce(1).selectExpr("xqa_attention" + ARGS);
        String msg = rootMessage(assertThrows(Exception.class, df::collect));
        assertTrue(msg.contains("invalid row at position 2 of partition 0: q has 3 bytes"), msg);
    }

    @Test
    void nullPolicyGivesNullAndTheReason() {
        spark.conf().set("spark.xqa.onInvalidRow", "null");
        Dataset<Row> df =
                spark.sql("SELECT id, xqa_attention" + ARGS + " AS out, xqa_attention_result" + ARGS + " AS r FROM t");
        List<Row> rows = df.collectAsList();
        assertEquals(5, rows.size());
        for (Row row : rows) {
            Req req = reqs.get((int) row.getLong(0));
            Row result = row.getStruct(2);
            if (req.id() == 2 || req.id() == 4) {
                assertTrue(row.isNullAt(1) && result.isNullAt(0));
                String expected =
                        req.id() == 2 ? "q has 3 bytes" : "tree[1] = 1: a parent must be -1 or an earlier token";
                assertTrue(result.getString(1).contains(expected), result.getString(1));
            } else {
                assertArrayEquals(req.cpuOut(XqaBatchingTest.SPEC), (byte[]) row.get(1));
                assertArrayEquals((byte[]) row.get(1), (byte[]) result.get(0));
                assertTrue(result.isNullAt(1));
            }
        }
        assertEquals(2, XqaBatchingTest.metric(df, "invalidRows"));
        assertEquals(1, XqaBatchingTest.metric(df, "batches"), "one launch for the 3 valid rows");
        assertEquals(5, XqaBatchingTest.metric(df, "rows"));
    }

    @Test
    void batchOfOnlyInvalidRowsLaunchesNothing() {
        spark.conf().set("spark.xqa.onInvalidRow", "null");
        Dataset<Row> df = spark.sql("SELECT xqa_attention_result" + ARGS + ".xqa_error FROM t WHERE id = 2");
        assertTrue(df.first().getString(0).contains("q has 3 bytes"));
        assertEquals(0, XqaBatchingTest.metric(df, "batches"));
    }
}
