package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.Plans;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.TestRequests;
import org.sparkxqa.spark.TestRequests.Req;
import org.sparkxqa.spark.sql.exec.XqaAttentionExec;

/** Batch boundaries (rows and bytes), the operator's SQL metrics, and row order within partitions. */
class XqaBatchingTest {
    static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
    static final String CALL = "xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64)";
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSessions.start(SparkTestSessions.builder("XqaBatchingTest")
                .config("spark.sql.extensions", "org.sparkxqa.spark.XqaSessionExtensions"));
    }

    @AfterAll
    static void stop() {
        SparkTestSessions.stop(spark);
    }

    @AfterEach
    void resetConf() {
        spark.conf().unset("spark.xqa.batch.maxRows");
        spark.conf().unset("spark.xqa.batch.maxBytes");
        spark.conf().unset("spark.xqa.queryBackend");
    }

    static Dataset<Row> table(SparkSession spark, List<Req> reqs, int partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(
                jsc.parallelize(reqs.stream().map(Req::row).toList(), partitions), TestRequests.SCHEMA);
    }

    /** {@code n} requests of Lq=1 with the given Lk each (bytes: 512 + 2 * 256 * lk). */
    static List<Req> sized(int... lks) {
        Random rnd = new Random(7);
        List<Req> reqs = new ArrayList<>();
        for (int i = 0; i < lks.length; i++) {
            reqs.add(TestRequests.of(SPEC, i, 1, lks[i], null, rnd));
        }
        return reqs;
    }

    static long metric(Dataset<Row> df, String key) {
        return Plans.xqaOperators(df).get(0).metrics().apply(key).value();
    }

    private static Dataset<Row> runAndCheck(List<Req> reqs) {
        Dataset<Row> df = table(spark, reqs, 1).selectExpr("id", CALL + " AS out");
        List<Row> rows = df.collectAsList();
        assertEquals(reqs.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(reqs.get(i).id(), rows.get(i).getLong(0));
            assertArrayEquals(reqs.get(i).cpuOut(SPEC), (byte[]) rows.get(i).get(1));
        }
        assertEquals(reqs.size(), metric(df, "rows"));
        return df;
    }

    @Test
    void rowLimitEdges() {
        spark.conf().set("spark.xqa.batch.maxRows", "4");
        assertEquals(1, metric(runAndCheck(sized(3)), "batches"), "1 row");
        assertEquals(1, metric(runAndCheck(sized(3, 3, 3, 3)), "batches"), "exactly maxRows");
        assertEquals(2, metric(runAndCheck(sized(3, 3, 3, 3, 3)), "batches"), "maxRows + 1");
        assertEquals(3, metric(runAndCheck(sized(3, 3, 3, 3, 3, 3, 3, 3, 3)), "batches"), "2 * maxRows + 1");
    }

    @Test
    void byteLimitAndARowLargerThanIt() {
        spark.conf().set("spark.xqa.batch.maxBytes", "2500");
        Dataset<Row> df = runAndCheck(sized(1, 1, 9, 1));
        assertEquals(3, metric(df, "batches"), "[1024, 1024] [5120 alone] [1024]");
        assertEquals(3 * 1024 + 5120 + 4 * 512, metric(df, "bytesCopied"), "q, k, v in and out back");
        assertTrue(metric(df, "backendTime") > 0);
        assertEquals(0, metric(df, "jitTime"), "the CPU backend compiles nothing");
    }

    @Test
    void explainShowsTheSettingsThePlanUses() {
        spark.conf().set("spark.xqa.batch.maxRows", "17");
        Dataset<Row> df = table(spark, sized(1), 1).selectExpr(CALL);
        XqaAttentionExec op = Plans.xqaOperators(df).get(0);
        assertEquals(17, op.settings().maxRows());
        assertTrue(df.queryExecution()
                .explainString(org.apache.spark.sql.execution.SimpleMode$.MODULE$)
                .contains("bf16 Hq=4 Hkv=2 D=64, maxRows=17, maxBytes=auto, onInvalidRow=fail"));
    }

    @Test
    void queryBackendCpuIsInThePlanAndGivesTheSameRows() {
        spark.conf().set("spark.xqa.queryBackend", "cpu");
        Dataset<Row> df = runAndCheck(TestRequests.random(SPEC, 6, 3));
        assertTrue(df.queryExecution()
                .explainString(org.apache.spark.sql.execution.SimpleMode$.MODULE$)
                .contains("onInvalidRow=fail, backend=cpu"));
        assertTrue(Plans.xqaOperators(df).get(0).executorUses().get(0).backend().startsWith("cpu ("));
    }

    @Test
    void partitionsKeepTheirRowOrder() {
        spark.conf().set("spark.xqa.batch.maxRows", "3");
        List<Req> reqs = TestRequests.random(SPEC, 20, 11);
        Dataset<Row> df = table(spark, reqs, 3).selectExpr("id", "spark_partition_id() AS p", CALL + " AS out");
        List<Row> rows = df.collectAsList();
        assertEquals(
                reqs.stream().map(Req::id).toList(),
                rows.stream().map(r -> r.getLong(0)).toList());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).getInt(1) <= rows.get(i).getInt(1));
        }
        for (Row r : rows) {
            assertArrayEquals(reqs.get((int) r.getLong(0)).cpuOut(SPEC), (byte[]) r.get(2));
        }
        assertEquals(2 + 3 + 3, metric(df, "batches"), "partitions of 6, 7, 7 rows in batches of at most 3");
    }
}
