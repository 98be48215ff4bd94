package org.sparkxqa.spark.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.cpu.CpuBackend;
import org.sparkxqa.spark.SparkTestSessions;

/**
 * Random corruptions of valid rows through the SQL path, many rows per query: under {@code null} every
 * row comes back, in order, with its pass-through column; a valid row's {@code out} is the CPU backend's
 * bits and a broken row's is NULL with {@code xqa_error} giving the reason; under {@code fail} the task
 * error names the broken row ({@code id=N}, or its position for a NULL id) and the reason. Row and
 * columnar (Parquet) paths. The seed is printed; {@code -Dxqa.fuzz.seed=S} replays it.
 */
class SqlCorruptionFuzzTest {
    private static final CpuBackend CPU = new CpuBackend(2);
    private static SparkSession spark;
    private static long seed;

    @BeforeAll
    static void start() {
        spark = SparkTestSessions.start(SparkTestSessions.builder("SqlCorruptionFuzzTest")
                .config("spark.sql.extensions", "org.sparkxqa.spark.XqaSessionExtensions"));
        String given = System.getProperty("xqa.fuzz.seed");
        seed = given == null || given.isBlank() ? new Random().nextLong() : Long.parseLong(given.trim());
        System.out.println("SqlCorruptionFuzzTest: seed " + seed + " (replay: -Dxqa.fuzz.seed=" + seed + ")");
    }

    @AfterAll
    static void stop() {
        SparkTestSessions.stop(spark);
        CPU.close();
    }

    @AfterEach
    void resetConf() {
        spark.conf().unset("spark.xqa.onInvalidRow");
        spark.conf().unset("spark.xqa.batch.maxRows");
    }

    @Test
    void nullPolicyKeepsEveryRowInOrderAndGivesEachBrokenRowItsReason() {
        spark.conf().set("spark.xqa.onInvalidRow", "null");
        Random r = new Random(seed);
        int rows = 0;
        for (int t = 0; t < 4; t++) {
            FuzzTables tables = t % 2 == 0 ? FuzzTables.BF16 : FuzzTables.FP8;
            List<FuzzRow> in = tables.rows(1500, t * 10_000L, 0.4, r);
            spark.conf().set("spark.xqa.batch.maxRows", String.valueOf(1 + r.nextInt(300)));
            check(tables, in, frame(in, 1 + r.nextInt(4)), "table " + t);
            rows += in.size();
        }
        System.out.println("SqlCorruptionFuzzTest: " + rows + " rows in and out (null policy, row path)");
    }

    @Test
    void nullPolicyOnTheColumnarPathToo(@TempDir Path dir) {
        spark.conf().set("spark.xqa.onInvalidRow", "null");
        Random r = new Random(seed + 1);
        List<FuzzRow> in = FuzzTables.FP8.rows(1500, 0, 0.4, r);
        String path = dir.resolve("t.parquet").toString();
        frame(in, 1).write().parquet(path);
        String plan = spark.read()
                .parquet(path)
                .selectExpr("xqa_attention_result" + FuzzTables.FP8.args())
                .queryExecution()
                .executedPlan()
                .toString();
        assertTrue(plan.contains(", columnar"), plan);
        check(FuzzTables.FP8, in, spark.read().parquet(path), "parquet");
    }

    @Test
    void failPolicyNamesTheBrokenRowAndTheReason() {
        Random r = new Random(seed + 2);
        for (int t = 0; t < 30; t++) {
            FuzzTables tables = t % 2 == 0 ? FuzzTables.BF16 : FuzzTables.FP8;
            List<FuzzRow> in = new ArrayList<>(tables.rows(20, t * 100L, 0, r));
            int at = r.nextInt(in.size());
            FuzzRow valid = in.get(at);
            FuzzRow bad = Corruption.values()[r.nextInt(Corruption.values().length)].apply(valid, tables.spec(), r);
            in.set(at, bad);
            String rowName = bad.id() == null ? "id=NULL (at position " + at + " of partition 0)" : "id=" + bad.id();
            Exception e = assertThrows(
                    Exception.class,
                    () -> frame(in, 1)
                            .selectExpr("xqa_attention_result" + tables.args())
                            .collect(),
                    bad::toString);
            String messages = messages(e);
            assertTrue(messages.contains("invalid row " + rowName + ": " + bad.expectedError()), bad + "\n" + messages);
        }
    }

    private static void check(FuzzTables tables, List<FuzzRow> in, Dataset<Row> df, String label) {
        List<Row> out = df.selectExpr("id", "tag", "xqa_attention_result" + tables.args() + " AS r")
                .collectAsList();
        assertEquals(in.size(), out.size(), label + ": rows");
        List<Request> valid = new ArrayList<>();
        for (FuzzRow row : in) {
            if (row.expectedError() == null) {
                valid.add(row.request(tables.spec()));
            }
        }
        List<byte[]> expected = CPU.attend(tables.spec(), valid);
        int next = 0;
        for (int i = 0; i < in.size(); i++) {
            FuzzRow row = in.get(i);
            Row got = out.get(i);
            String what = label + " row " + i + " (" + row + ")";
            assertEquals(row.id(), got.isNullAt(0) ? null : got.getLong(0), what + ": id (order)");
            assertEquals(row.tag(), got.getString(1), what + ": pass-through column");
            Row result = got.getStruct(2);
            if (row.expectedError() == null) {
                assertNull(result.get(1), what + ": xqa_error");
                assertArrayEquals(expected.get(next++), (byte[]) result.get(0), what + ": out");
            } else {
                assertTrue(result.isNullAt(0), what + ": out must be NULL");
                String error = result.getString(1);
                assertTrue(error != null && error.contains(row.expectedError()), what + ": xqa_error " + error);
            }
        }
    }

    private static Dataset<Row> frame(List<FuzzRow> rows, int partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(
                jsc.parallelize(rows.stream().map(FuzzRow::row).toList(), partitions), FuzzRow.SCHEMA);
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
