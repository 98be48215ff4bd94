package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.TestRequests;
import org.sparkxqa.spark.TestRequests.Req;

/** Bad literals and misplaced calls are analysis errors that say what is wrong; nothing runs. */
class XqaAnalysisTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSessions.start(SparkTestSessions.builder("XqaAnalysisTest")
                .config("spark.sql.extensions", "org.sparkxqa.spark.XqaSessionExtensions"));
        AttentionSpec spec = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
        spark.createDataFrame(
                        TestRequests.random(spec, 2, 1).stream().map(Req::row).toList(), TestRequests.SCHEMA)
                .createOrReplaceTempView("t");
    }

    @AfterAll
    static void stop() {
        SparkTestSessions.stop(spark);
    }

    private static void fails(String sql, String... fragments) {
        AnalysisException e = assertThrows(
                AnalysisException.class, () -> spark.sql(sql).queryExecution().assertAnalyzed());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' missing from: " + e.getMessage());
        }
    }

    private static String call(String args) {
        return "SELECT xqa_attention(" + args + ") FROM t";
    }

    @Test
    void unsupportedHeadDimNamesTheSupportedOnes() {
        fails(call("q, k, v, tree, 'bf16', 4, 2, 96"), "head dim 96", "64, 128, 256");
    }

    @Test
    void shapeAndTypeArgumentsMustBeConstants() {
        fails(
                "SELECT xqa_attention(q, k, v, tree, 'bf16', CAST(id AS INT), 2, 64) FROM t",
                "Hq (argument 6) must be a constant");
        fails(call("q, k, v, tree, 'int8', 4, 2, 64"), "unsupported element type 'int8'", "fp16", "bf16");
        fails(call("q, k, v, tree, 'bf16', 6, 4, 64"), "Hq=6 is not a multiple of Hkv=4");
        fails(call("q, k, v, tree, 'bf16', '4', 2, 64"), "Hq must be an integer literal");
    }

    @Test
    void optionsAreCheckedByName() {
        fails(
                call("q, k, v, tree, 'bf16', 4, 2, 64, map('window', '8', 'softcap', '30')"),
                "unknown option 'softcap'",
                "'scale', 'window', 'kv_type'");
        fails(call("q, k, v, tree, 'bf16', 4, 2, 64, map('scale', '-1')"), "scale must be finite and positive");
        fails(
                call("q, k, v, tree, 'bf16', 4, 2, 64, map('kv_type', 'e4m3', 'k_scale', '0')"),
                "k_scale must be finite and positive, got 0.0");
        fails(call("q, k, v, tree, 'bf16', 4, 2, 64, map('v_scale', 'NaN')"), "v_scale must be finite and positive");
        fails(
                call("q, k, v, tree, 'bf16', 4, 2, 64, map('k_scale', 'big')"),
                "option 'k_scale' must be a number, got 'big'");
        fails(call("q, k, v, tree, 'e4m3', 4, 2, 64"), "q/out type e4m3", "fp16 or bf16");
    }

    @Test
    void dataArgumentsMustHaveTheRightTypes() {
        fails(call("q, k, v, array('a'), 'bf16', 4, 2, 64"), "tree (argument 4) must be ARRAY<INT>");
        fails(call("CAST(q AS STRING), k, v, tree, 'bf16', 4, 2, 64"), "q (argument 1) must be BINARY");
        fails(call("q, k, v, tree, 'bf16', 4, 2"), "takes 8 or 9 arguments");
        fails("SELECT xqa_to_floats(q, 'f32') FROM t", "unsupported element type 'f32'");
    }

    @Test
    void callsOutsideSelectAndWhereAreRejected() {
        fails(
                "SELECT count(*) FROM t GROUP BY xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64)",
                "only be used in a SELECT list or a WHERE clause",
                "Aggregate");
        fails("SELECT id FROM t ORDER BY xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64)", "not in Sort");
    }
}
