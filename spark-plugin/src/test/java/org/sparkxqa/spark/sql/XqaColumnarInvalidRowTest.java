package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkxqa.spark.Plans;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.TestRequests;

/**
 * Invalid rows on the columnar path, under both policies, against the row path on the same Parquet
 * file: a q that is not a whole number of tokens, a NULL k, a parent out of range, a NULL inside the
 * tree, and a row with a NULL id (named by its position too).
 */
class XqaColumnarInvalidRowTest {
    private static final String RESULT = "xqa_attention_result(q, k, v, tree, 'bf16', 4, 2, 64)";
    private static SparkSession spark;
    private static String path;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkTestSessions.start(SparkTestSessions.builder("XqaColumnarInvalidRowTest")
                .config("spark.sql.extensions", "org.sparkxqa.spark.XqaSessionExtensions")
                .config("spark.sql.parquet.columnarReaderBatchSize", "7"));
        XqaBatchingTest.table(spark, TestRequests.random(XqaBatchingTest.SPEC, 40, 5), 1)
                .createOrReplaceTempView("raw");
        path = Files.createTempDirectory("xqa-columnar-invalid").resolve("t").toString();
        spark.sql("SELECT CASE WHEN id = 30 THEN NULL ELSE id END AS id,"
                        + " CASE WHEN id = 3 THEN substr(q, 2) ELSE q END AS q,"
                        + " CASE WHEN id = 11 THEN NULL ELSE k END AS k, v,"
                        + " CASE WHEN id = 17 THEN array(-1, 5) WHEN id = 23 THEN array(-1, NULL) ELSE tree END AS tree"
                        + " FROM raw")
                .coalesce(1)
                .write()
                .parquet(path);
    }

    @AfterAll
    static void stop() {
        SparkTestSessions.stop(spark);
    }

    @AfterEach
    void resetConf() {
        spark.conf().unset("spark.xqa.onInvalidRow");
        spark.conf().unset("spark.xqa.columnar.enabled");
    }

    private static List<Row> results() {
        return spark.read()
                .parquet(path)
                .selectExpr("id", RESULT + " AS r")
                .selectExpr("id", "r.out", "r.xqa_error")
                .collectAsList();
    }

    @Test
    void nullPolicyGivesTheRowPathsNullsAndReasonsRowForRow() {
        spark.conf().set("spark.xqa.onInvalidRow", "null");
        assertTrue(Plans.xqaOperators(spark.read().parquet(path).selectExpr(RESULT))
                .get(0)
                .supportsColumnar());
        List<Row> columnar = results();
        spark.conf().set("spark.xqa.columnar.enabled", "false");
        List<Row> rows = results();
        assertEquals(40, columnar.size());
        int invalid = 0;
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).get(0), columnar.get(i).get(0), "row " + i);
            assertArrayEquals(
                    (byte[]) rows.get(i).get(1), (byte[]) columnar.get(i).get(1), "row " + i);
            assertEquals(rows.get(i).get(2), columnar.get(i).get(2), "row " + i);
            if (columnar.get(i).get(2) != null) {
                invalid++;
                assertNull(columnar.get(i).get(1));
            }
        }
        assertEquals(4, invalid, "q of 3, k of 11, trees of 17 and 23");
        assertTrue(
                columnar.get(3).getString(2).contains("not a whole number"),
                columnar.get(3).getString(2));
        assertTrue(
                columnar.get(11).getString(2).contains("k is NULL"),
                columnar.get(11).getString(2));
        assertTrue(
                columnar.get(23).getString(2).contains("tree[1] is NULL"),
                columnar.get(23).getString(2));
    }

    @Test
    void failPolicyNamesTheRowAndANullIdByPosition() {
        Exception e = assertThrows(Exception.class, XqaColumnarInvalidRowTest::results);
        assertTrue(rootMessage(e).contains("id=3") && rootMessage(e).contains("not a whole number"), rootMessage(e));
        Exception nullId = assertThrows(
                Exception.class,
                () -> spark.read()
                        .parquet(path)
                        .where("id IS NULL")
                        .selectExpr("xqa_attention(substr(q, 2), k, v, tree, 'bf16', 4, 2, 64)")
                        .collectAsList());
        assertTrue(rootMessage(nullId).contains("id=NULL (at position 0 of partition 0)"), rootMessage(nullId));
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
