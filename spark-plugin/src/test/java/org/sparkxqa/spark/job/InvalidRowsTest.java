package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.spark.SparkTestSessions;

/** Rows that break the contract, under both policies (bf16, Hq=4, Hkv=2, D=64: 512-byte q tokens, 256-byte k/v tokens). */
class InvalidRowsTest {
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType)
            .add("q", DataTypes.BinaryType)
            .add("k", DataTypes.BinaryType)
            .add("v", DataTypes.BinaryType)
            .add("tree", DataTypes.createArrayType(DataTypes.IntegerType, true))
            .add("note", DataTypes.StringType);
    /** Expected reason (a part of it) per invalid row id. */
    private static final Map<Long, String> REASONS = new TreeMap<>(Map.of(
            2L, "k has 1000 bytes, not a whole number of 256-byte tokens",
            3L, "Lk=2 is smaller than Lq=3",
            4L, "Lq=65 query tokens; supported are 1..64",
            5L, "tree[0] = 0: a parent must be -1 or an earlier token",
            6L, "q is NULL",
            7L, "tree[1] is NULL",
            8L, "tree has 1 entries but q has Lq=2",
            10L, "v has 768 bytes but k has 1024"));

    @TempDir
    static Path dir;

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSessions.shared();
    }

    private static byte[] tokens(int count, int tokenBytes, long seed) {
        byte[] bytes = new byte[count * tokenBytes];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < bytes.length; i += 2) {
            bytes[i + 1] = (byte) (0x3C + random.nextInt(3));
        }
        return bytes;
    }

    private static Row row(long id, int lq, int lk, Integer[] tree) {
        return RowFactory.create(
                id, tokens(lq, 512, id), tokens(lk, 256, id + 1), tokens(lk, 256, id + 2), tree, "note " + id);
    }

    private static String write(String name, List<Row> rows) {
        String path = dir.resolve(name).toString();
        spark.createDataFrame(rows, SCHEMA).repartition(2).write().parquet(path);
        return path;
    }

    private static List<Row> mixedRows() {
        List<Row> rows = new ArrayList<>();
        rows.add(row(1, 2, 5, null));
        rows.add(RowFactory.create(2L, tokens(2, 512, 2), new byte[1000], new byte[1000], null, "note 2"));
        rows.add(row(3, 3, 2, null));
        rows.add(row(4, 65, 70, null));
        rows.add(row(5, 2, 4, new Integer[] {0, -1}));
        rows.add(RowFactory.create(6L, null, tokens(3, 256, 6), tokens(3, 256, 7), null, "note 6"));
        rows.add(row(7, 2, 4, new Integer[] {-1, null}));
        rows.add(row(8, 2, 4, new Integer[] {-1}));
        rows.add(row(9, 3, 9, new Integer[] {-1, 0, 0}));
        rows.add(RowFactory.create(10L, tokens(1, 512, 10), tokens(4, 256, 11), tokens(3, 256, 12), null, "note 10"));
        return rows;
    }

    @Test
    void nullPolicyKeepsEveryRowAndSaysWhy() {
        String input = write("mixed", mixedRows());
        String output = dir.resolve("mixed-out").toString();
        Cli.Result result = Cli.runWithSpec(
                "run", "--input", input, "--output", output, "--on-invalid", "null", "--backend", "cpu");
        assertEquals(0, result.exitCode(), result.err());
        List<Row> out = spark.read().parquet(output).orderBy("id").collectAsList();
        assertEquals(10, out.size());
        assertEquals(
                List.of("id", "q", "k", "v", "tree", "note", "out", "xqa_error"),
                Arrays.asList(spark.read().parquet(output).columns()));
        for (Row row : out) {
            long id = row.getLong(0);
            assertEquals("note " + id, row.getString(5));
            if (REASONS.containsKey(id)) {
                assertNull(row.get(6), "out of invalid row " + id);
                assertTrue(row.getString(7).contains(REASONS.get(id)), "row " + id + ": " + row.getString(7));
            } else {
                assertNotNull(row.get(6), "out of valid row " + id);
                assertNull(row.get(7));
            }
        }
    }

    @Test
    void failPolicyNamesTheRowIdAndTheReasonInOneLine() {
        List<Row> rows = new ArrayList<>();
        for (long id = 1; id <= 6; id++) {
            rows.add(row(id, 2, 6, null));
        }
        rows.add(RowFactory.create(17L, tokens(1, 512, 17), new byte[1000], new byte[1000], null, "bad"));
        String input = write("one-bad", rows);
        Cli.Result result = Cli.runWithSpec(
                "run", "--input", input, "--output", dir.resolve("one-bad-out").toString());
        assertEquals(1, result.exitCode());
        assertEquals(
                "xqa run: error: row id=17: k has 1000 bytes, not a whole number of 256-byte tokens (Hkv*D*2)\n",
                result.err());
        assertEquals("", result.out());
    }

    @Test
    void inputErrorsAreOneLine() {
        String withOut = dir.resolve("with-out").toString();
        spark.createDataFrame(List.of(row(1, 1, 1, null)), SCHEMA)
                .withColumn("out", org.apache.spark.sql.functions.col("q"))
                .write()
                .parquet(withOut);
        Cli.Result result = Cli.runWithSpec(
                "run", "--input", withOut, "--output", dir.resolve("x").toString());
        assertEquals(1, result.exitCode());
        assertEquals("xqa run: error: input already has a column named 'out'; rename or drop it first\n", result.err());
        Cli.Result missing =
                Cli.runWithSpec("run", "--input", dir.resolve("absent").toString(), "--output", "y");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().startsWith("xqa run: error: [PATH_NOT_FOUND]"), missing.err());
        assertFalse(missing.err().contains("\tat "), missing.err());
    }
}
