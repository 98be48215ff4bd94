package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.reference.Float64Attention;
import org.sparkxqa.spark.Plans;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.TestRequests;
import org.sparkxqa.spark.TestRequests.Req;
import org.sparkxqa.spark.XqaFunctions;

/** {@code xqa_attention} in SQL, with the extensions enabled alone (spark.sql.extensions, no plugin). */
class XqaSqlFunctionTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
    private static SparkSession spark;
    private static List<Req> reqs;

    @BeforeAll
    static void start() {
        spark = SparkTestSessions.start(SparkTestSessions.builder("XqaSqlFunctionTest")
                .config("spark.sql.extensions", "org.sparkxqa.spark.XqaSessionExtensions"));
        reqs = TestRequests.random(SPEC, 12, 42);
        spark.createDataFrame(reqs.stream().map(Req::row).toList(), TestRequests.SCHEMA)
                .createOrReplaceTempView("t");
    }

    @AfterAll
    static void stop() {
        SparkTestSessions.stop(spark);
    }

    @Test
    void sqlMatchesCpuBackendBitForBitAndTheFloat64Reference() {
        List<Row> rows = spark.sql(
                        "SELECT id, xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64) AS out FROM t ORDER BY id")
                .collectAsList();
        assertEquals(reqs.size(), rows.size());
        for (Row r : rows) {
            Req req = reqs.get((int) r.getLong(0));
            byte[] out = (byte[]) r.get(1);
            assertArrayEquals(req.cpuOut(SPEC), out, "row " + req.id());
            double[] ref = Float64Attention.attend(SPEC, req.q(), req.k(), req.v(), req.tree(), null);
            float[] got = SPEC.qType().decodeAll(out);
            for (int i = 0; i < ref.length; i++) {
                assertEquals(ref[i], got[i], 1e-2 + 1e-2 * Math.abs(ref[i]), "row " + req.id() + " element " + i);
            }
        }
    }

    @Test
    void packedMaskAndNullTreeAgreeWithParentsAndChains() {
        List<Row> rows = spark.sql("SELECT id, xqa_attention(q, k, v, xqa_tree_mask(tree), 'bf16', 4, 2, 64), "
                        + "xqa_attention(q, k, v, NULL, 'bf16', 4, 2, 64) FROM t ORDER BY id")
                .collectAsList();
        for (Row r : rows) {
            Req req = reqs.get((int) r.getLong(0));
            if (req.tree() != null) {
                assertArrayEquals(req.cpuOut(SPEC), (byte[]) r.get(1), "packed mask, row " + req.id());
            }
            Req chain = new Req(req.id(), req.q(), req.k(), req.v(), null);
            assertArrayEquals(chain.cpuOut(SPEC), (byte[]) r.get(2), "NULL tree, row " + req.id());
        }
    }

    @Test
    void optionsChangeTheSpec() {
        AttentionSpec spec = SPEC.withScale(0.5f).withWindow(3);
        List<Row> rows = spark.sql("SELECT id, xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64, "
                        + "map('scale', '0.5', 'window', '3', 'kv_type', 'bf16')) FROM t ORDER BY id")
                .collectAsList();
        for (Row r : rows) {
            assertArrayEquals(reqs.get((int) r.getLong(0)).cpuOut(spec), (byte[]) r.get(1));
        }
    }

    @Test
    void fp8KvWithScalesInSqlAndTheColumnApiMatchesTheCpuBackend() {
        AttentionSpec fp8 = SPEC.withKvType(ElementType.E4M3).withKvScales(0.25f, 2f);
        List<Req> fp8Reqs = TestRequests.random(fp8, 6, 9);
        spark.createDataFrame(fp8Reqs.stream().map(Req::row).toList(), TestRequests.SCHEMA)
                .createOrReplaceTempView("t8");
        Map<String, String> options = Map.of("kv_type", "e4m3", "k_scale", "0.25", "v_scale", "2");
        List<Row> rows = spark.sql("SELECT id, xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64, "
                        + "map('kv_type', 'e4m3', 'k_scale', '0.25', 'v_scale', '2')) FROM t8 ORDER BY id")
                .collectAsList();
        List<Row> api = spark.table("t8")
                .select(
                        functions.col("id"),
                        XqaFunctions.xqaAttention(
                                functions.col("q"),
                                functions.col("k"),
                                functions.col("v"),
                                functions.col("tree"),
                                "bf16",
                                4,
                                2,
                                64,
                                options))
                .orderBy("id")
                .collectAsList();
        assertEquals(fp8Reqs.size(), rows.size());
        for (int n = 0; n < rows.size(); n++) {
            Req req = fp8Reqs.get((int) rows.get(n).getLong(0));
            assertArrayEquals(req.cpuOut(fp8), (byte[]) rows.get(n).get(1), "SQL row " + req.id());
            assertArrayEquals(req.cpuOut(fp8), (byte[]) api.get(n).get(1), "Column API row " + req.id());
            assertTrue(
                    !java.util.Arrays.equals(req.cpuOut(fp8.withKvScales(1f, 1f)), (byte[])
                            rows.get(n).get(1)),
                    "the scales change row " + req.id());
        }
    }

    @Test
    void columnApiEqualsSql() {
        Column tree = functions.col("tree");
        List<Row> api = spark.table("t")
                .select(
                        functions.col("id"),
                        XqaFunctions.xqaAttention(
                                functions.col("q"), functions.col("k"), functions.col("v"), tree, "bf16", 4, 2, 64),
                        XqaFunctions.xqaAttention(
                                functions.col("q"),
                                functions.col("k"),
                                functions.col("v"),
                                XqaFunctions.treeMask(tree),
                                "bf16",
                                4,
                                2,
                                64,
                                Map.of("scale", "0.5")))
                .orderBy("id")
                .collectAsList();
        for (Row r : api) {
            Req req = reqs.get((int) r.getLong(0));
            assertArrayEquals(req.cpuOut(SPEC), (byte[]) r.get(1));
            assertArrayEquals(req.cpuOut(SPEC.withScale(0.5f)), (byte[]) r.get(2));
        }
    }

    @Test
    void severalCallsAliasesFiltersAndNestingInOneQuery() {
        Dataset<Row> df = spark.sql("SELECT id, a, xqa_attention(a, k, v, tree, 'bf16', 4, 2, 64) AS nested, b FROM ("
                + " SELECT id, k, v, tree, xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64) AS a,"
                + " xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64, map('scale', '0.5')) AS b FROM t"
                + " WHERE id % 3 <> 1) WHERE length(a) > 0 AND id < 10 ORDER BY id");
        List<Row> rows = df.collectAsList();
        assertEquals(
                List.of(0L, 2L, 3L, 5L, 6L, 8L, 9L),
                rows.stream().map(r -> r.getLong(0)).toList());
        for (Row r : rows) {
            Req req = reqs.get((int) r.getLong(0));
            byte[] a = req.cpuOut(SPEC);
            assertArrayEquals(a, (byte[]) r.get(1));
            assertArrayEquals(new Req(req.id(), a, req.k(), req.v(), req.tree()).cpuOut(SPEC), (byte[]) r.get(2));
            assertArrayEquals(req.cpuOut(SPEC.withScale(0.5f)), (byte[]) r.get(3));
        }
        assertEquals(3, operators(df), df.queryExecution().executedPlan().toString());
    }

    @Test
    void equalCallsShareOneOperatorAndCallsInWhereWork() {
        Dataset<Row> df = spark.sql("SELECT id, xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64) AS a,"
                + " length(xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64)) AS n,"
                + " xqa_attention_result(q, k, v, tree, 'bf16', 4, 2, 64).out AS c FROM t"
                + " WHERE xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64) IS NOT NULL");
        List<Row> rows = df.collectAsList();
        assertEquals(reqs.size(), rows.size());
        for (Row r : rows) {
            assertArrayEquals((byte[]) r.get(1), (byte[]) r.get(3));
            assertEquals(((byte[]) r.get(1)).length, r.getInt(2));
        }
        assertEquals(
                2,
                operators(df),
                "one in WHERE, one shared by the SELECT list: "
                        + df.queryExecution().executedPlan());
    }

    @Test
    void composesWithAggregatesJoinsUnionsCacheAndParquetWrites(@TempDir Path dir) {
        String call = "xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64)";
        long bytes = reqs.stream().mapToLong(r -> r.q().length).sum();
        assertEquals(
                bytes,
                spark.sql("SELECT sum(length(o)) FROM (SELECT " + call + " o FROM t)")
                        .first()
                        .getLong(0));
        assertEquals(
                bytes,
                spark.sql("SELECT sum(length(a.o)) FROM (SELECT id, " + call + " o FROM t) a JOIN t b"
                                + " ON a.id = b.id")
                        .first()
                        .getLong(0));
        assertEquals(
                2 * reqs.size(),
                spark.sql("SELECT " + call + " FROM t UNION ALL SELECT " + call + " FROM t")
                        .count());
        assertEquals(
                reqs.size(),
                spark.sql("SELECT count(*) FROM t WHERE id IN (SELECT id FROM t WHERE length(" + call + ") > 0)")
                        .first()
                        .getLong(0));
        Dataset<Row> cached = spark.sql("SELECT id, " + call + " AS out FROM t").cache();
        try {
            assertEquals(reqs.size(), cached.count());
            cached.write().parquet(dir.resolve("out").toString());
        } finally {
            cached.unpersist();
        }
        for (Row r : spark.read().parquet(dir.resolve("out").toString()).collectAsList()) {
            assertArrayEquals(reqs.get((int) r.getLong(0)).cpuOut(SPEC), (byte[]) r.get(1));
        }
    }

    @Test
    void helpersConvertFloatsAndTrees() {
        Row r = spark.sql(
                        "SELECT xqa_to_floats(xqa_from_floats(array(0.5, -1.25, 3), 'bf16'), 'bf16'),"
                                + " xqa_tree_mask(array(-1, 0, 0)), xqa_to_floats(NULL, 'fp16'), length(xqa_from_floats(array(1.0D), 'fp16'))")
                .first();
        assertEquals(List.of(0.5f, -1.25f, 3f), r.getList(0));
        assertArrayEquals(DraftMask.fromParents(new int[] {-1, 0, 0}).toPacked(), (byte[]) r.get(1));
        assertTrue(r.isNullAt(2));
        assertEquals(2, r.getInt(3));
    }

    private static int operators(Dataset<Row> df) {
        return Plans.xqaOperators(df).size();
    }

    @Test
    void explainShowsTheBatchedOperator() {
        Dataset<Row> df = spark.sql("SELECT id, xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64) AS out FROM t");
        String plan = df.queryExecution().executedPlan().toString();
        assertTrue(
                plan.contains("XqaAttention [xqa_result#") && plan.contains("bf16 Hq=4 Hkv=2 D=64, maxRows=256"), plan);
    }
}
