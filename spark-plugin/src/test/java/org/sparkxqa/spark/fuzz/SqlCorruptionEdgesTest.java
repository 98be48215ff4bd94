package org.sparkxqa.spark.fuzz;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.SparkTestSessions;

/**
 * The corruptions a random table does not cover cheaply: columns of the wrong type (an analysis error
 * naming the argument, under either policy, before any row is read), a BIGINT tree entry beyond INT, and
 * a row claiming more than {@code MAX_KV_LEN} keys (an invalid row, not an allocation).
 */
class SqlCorruptionEdgesTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSessions.start(SparkTestSessions.builder("SqlCorruptionEdgesTest")
                .config("spark.sql.extensions", "org.sparkxqa.spark.XqaSessionExtensions"));
    }

    @AfterAll
    static void stop() {
        SparkTestSessions.stop(spark);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fail", "null"})
    void wrongColumnTypesAreAnalysisErrorsNamingTheArgument(String policy) {
        spark.conf().set("spark.xqa.onInvalidRow", policy);
        Dataset<Row> t = table(List.of(FuzzRow.valid(FuzzTables.BF16.spec(), 1L, new Random(1))));
        String[][] cases = {
            {"(cast(q AS STRING), k, v, tree, 'bf16', 4, 2, 64)", "q (argument 1) must be BINARY, got STRING"},
            {"(q, length(k), v, tree, 'bf16', 4, 2, 64)", "k (argument 2) must be BINARY, got INT"},
            {"(q, k, 7, tree, 'bf16', 4, 2, 64)", "v (argument 3) must be BINARY, got INT"},
            {
                "(q, k, v, transform(tree, x -> cast(x AS STRING)), 'bf16', 4, 2, 64)",
                "tree (argument 4) must be ARRAY<INT> (draft-tree parents), BINARY (packed mask) or NULL (a chain), got "
                        + "ARRAY<STRING>"
            }
        };
        for (String[] c : cases) {
            AnalysisException e =
                    assertThrows(AnalysisException.class, () -> t.selectExpr("xqa_attention_result" + c[0]));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        spark.conf().unset("spark.xqa.onInvalidRow");
    }

    @Test
    void aBigintTreeEntryBeyondIntIsAnInvalidRow() {
        spark.conf().set("spark.xqa.onInvalidRow", "null");
        Dataset<Row> t = table(List.of(FuzzRow.valid(FuzzTables.BF16.spec(), 1L, new Random(2))));
        Row r = t.selectExpr("xqa_attention_result(q, k, v, array(-1L, 1099511627776L), 'bf16', 4, 2, 64) AS r")
                .first()
                .getStruct(0);
        assertTrue(r.isNullAt(0) && r.getString(1).contains("tree[1] = 1099511627776 is out of range"), r.toString());
        spark.conf().unset("spark.xqa.onInvalidRow");
    }

    @Test
    void aRowClaimingMoreThanMaxKvLenKeysIsAnInvalidRowNamedByItsId() {
        AttentionSpec spec = FuzzTables.FP8.spec();
        byte[] kv = new byte[(AttentionSpec.MAX_KV_LEN + 1) * spec.kvTokenBytes()];
        FuzzRow huge = new FuzzRow(7L, new byte[spec.qTokenBytes()], kv, kv, null, "huge", null);
        Exception e = assertThrows(
                Exception.class,
                () -> table(List.of(huge))
                        .selectExpr("xqa_attention_result" + FuzzTables.FP8.args())
                        .collect());
        StringBuilder all = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        assertTrue(
                all.toString().contains("invalid row id=7: Lk=1048577 is larger than the supported 1048576"),
                all.toString());
    }

    private static Dataset<Row> table(List<FuzzRow> rows) {
        return spark.createDataFrame(rows.stream().map(FuzzRow::row).toList(), FuzzRow.SCHEMA);
    }
}
