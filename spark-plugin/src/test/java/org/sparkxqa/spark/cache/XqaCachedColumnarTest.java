package org.sparkxqa.spark.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.columnar.CachedBatch;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.SimpleMode$;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.columnar.InMemoryTableScanExec;
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

/**
 * The columnar {@code xqa_attention} over {@code df.cache()} with {@link XqaCachedBatchSerializer}: the
 * plan (the operator reads the in-memory scan's batches, no row conversion between, and the cache was
 * filled from the Parquet scan's batches), results byte-equal to the row path, to the Parquet columnar
 * path and to the CPU backend request by request, pass-through columns (NULLs included) identical,
 * invalid rows under both policies, and column pruning.
 */
class XqaCachedColumnarTest {
    static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
    static final String CALL = "xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64)";
    static final String RESULT = "xqa_attention_result(q, k, v, tree, 'bf16', 4, 2, 64)";
    static final int ROWS = 240;
    private static SparkSession spark;
    private static List<Req> reqs;
    private static String path;
    private static String invalidPath;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkTestSessions.start(SparkTestSessions.builder("XqaCachedColumnarTest")
                .config("spark.sql.extensions", "org.sparkxqa.spark.XqaSessionExtensions")
                .config("spark.sql.cache.serializer", XqaCachedBatchSerializer.class.getName())
                .config("spark.sql.parquet.columnarReaderBatchSize", "50")
                .config("spark.sql.inMemoryColumnarStorage.batchSize", "64"));
        reqs = TestRequests.random(SPEC, ROWS, 31);
        Path dir = Files.createTempDirectory("xqa-cached");
        path = dir.resolve("requests").toString();
        TestRequests.table(spark, reqs, 3)
                .selectExpr(
                        "*",
                        "CASE WHEN id % 7 = 0 THEN NULL ELSE concat('note-', id) END AS note",
                        "CAST(id * 3 AS INT) AS n")
                .write()
                .parquet(path);
        invalidPath = dir.resolve("invalid").toString();
        TestRequests.table(spark, TestRequests.random(SPEC, 40, 5), 1).createOrReplaceTempView("raw");
        spark.sql("SELECT CASE WHEN id = 30 THEN NULL ELSE id END AS id,"
                        + " CASE WHEN id = 3 THEN substr(q, 2) ELSE q END AS q,"
                        + " CASE WHEN id = 11 THEN NULL ELSE k END AS k, v,"
                        + " CASE WHEN id = 17 THEN array(-1, 5) WHEN id = 23 THEN array(-1, NULL) ELSE tree END AS tree"
                        + " FROM raw")
                .coalesce(1)
                .write()
                .parquet(invalidPath);
    }

    @AfterAll
    static void stop() {
        SparkTestSessions.stop(spark);
    }

    @AfterEach
    void resetConf() {
        for (String key : List.of(
                "spark.xqa.columnar.enabled",
                "spark.xqa.batch.maxRows",
                "spark.xqa.onInvalidRow",
                "spark.sql.columnVector.offheap.enabled")) {
            spark.conf().unset(key);
        }
    }

    @Test
    void theOperatorReadsTheInMemoryScanDirectlyAndTheCacheWasFilledFromTheScansBatches() {
        withCache(spark.read().parquet(path), cached -> {
            Dataset<Row> df = cached.selectExpr("id", "note", CALL + " AS out");
            df.collectAsList();
            XqaAttentionExec x = Plans.xqaOperators(df).get(0);
            assertTrue(x.supportsColumnar(), x.toString());
            SparkPlan child = CachedScans.unwrap(x.children().head());
            assertTrue(
                    child instanceof InMemoryTableScanExec s && s.supportsColumnar(), "child: " + child.treeString());
            assertFalse(child.exists(p -> p instanceof ColumnarToRowExec), child.treeString());
            assertTrue(df.queryExecution().explainString(SimpleMode$.MODULE$).contains(", columnar"));
            InMemoryTableScanExec scan = (InMemoryTableScanExec) child;
            assertTrue(
                    scan.relation().cachedPlan().supportsColumnar(),
                    "filled through convertColumnarBatchToCachedBatch: "
                            + scan.relation().cachedPlan().treeString());
            List<CachedBatch> batches = CachedScans.batches(df);
            assertTrue(
                    batches.stream().allMatch(b -> b instanceof XqaCachedBatch && b.numRows() <= 64),
                    batches.toString());
            assertEquals(ROWS, batches.stream().mapToInt(CachedBatch::numRows).sum());
            return null;
        });
    }

    @Test
    void resultsEqualTheRowPathTheParquetPathAndTheCpuBackend() {
        spark.conf().set("spark.xqa.batch.maxRows", "16");
        Map<Long, byte[]> parquet = outs(spark.read().parquet(path));
        Map<Long, byte[]> rowChild = outs(TestRequests.table(spark, reqs, 2));
        Map<Long, byte[]> cached = withCache(spark.read().parquet(path), XqaCachedColumnarTest::outs);
        Map<Long, byte[]> rowPath = withCache(spark.read().parquet(path), df -> {
            spark.conf().set("spark.xqa.columnar.enabled", "false");
            assertFalse(Plans.xqaOperators(df.selectExpr(CALL)).get(0).supportsColumnar());
            return outs(df);
        });
        spark.conf().unset("spark.xqa.columnar.enabled");
        Map<Long, byte[]> fromRows = withCache(TestRequests.table(spark, reqs, 2), df -> {
            assertTrue(Plans.xqaOperators(df.selectExpr(CALL)).get(0).supportsColumnar());
            return outs(df);
        });
        spark.conf().set("spark.sql.columnVector.offheap.enabled", "true");
        Map<Long, byte[]> offHeap = withCache(spark.read().parquet(path), XqaCachedColumnarTest::outs);
        assertEquals(ROWS, cached.size());
        for (Req r : reqs) {
            byte[] expected = r.cpuOut(SPEC);
            assertArrayEquals(expected, cached.get(r.id()), "cache, columnar, id " + r.id());
            assertArrayEquals(expected, parquet.get(r.id()), "Parquet, columnar, id " + r.id());
            assertArrayEquals(expected, rowChild.get(r.id()), "row-based child, id " + r.id());
            assertArrayEquals(expected, rowPath.get(r.id()), "cache, columnar disabled, id " + r.id());
            assertArrayEquals(expected, fromRows.get(r.id()), "cache filled from rows, id " + r.id());
            assertArrayEquals(expected, offHeap.get(r.id()), "cache filled from off-heap vectors, id " + r.id());
        }
    }

    @Test
    void inputColumnsPassThroughUnchangedNullsIncluded() {
        List<Row> in = spark.read().parquet(path).collectAsList();
        List<Row> out = withCache(
                spark.read().parquet(path),
                df -> df.selectExpr("*", CALL + " AS out").collectAsList());
        assertEquals(in.size(), out.size());
        int nullNotes = 0;
        for (int i = 0; i < in.size(); i++) {
            for (int c = 0; c < in.get(i).length(); c++) {
                Object a = in.get(i).get(c);
                Object b = out.get(i).get(c);
                if (a instanceof byte[] x) {
                    assertArrayEquals(x, (byte[]) b, "row " + i + " column " + c);
                } else {
                    assertEquals(a, b, "row " + i + " column " + c);
                }
            }
            nullNotes += in.get(i).isNullAt(in.get(i).fieldIndex("note")) ? 1 : 0;
        }
        assertTrue(
                nullNotes > 0 && out.stream().anyMatch(r -> r.isNullAt(4)), "NULL notes and NULL trees pass through");
    }

    @Test
    void invalidRowsGiveTheRowPathsNullsAndReasonsAndTheSameFailure() {
        spark.conf().set("spark.xqa.onInvalidRow", "null");
        List<Row> parquet = results(spark.read().parquet(invalidPath));
        List<Row> cached = withCache(spark.read().parquet(invalidPath), df -> {
            assertTrue(Plans.xqaOperators(df.selectExpr(RESULT)).get(0).supportsColumnar());
            return results(df);
        });
        spark.conf().set("spark.xqa.columnar.enabled", "false");
        List<Row> rows = withCache(spark.read().parquet(invalidPath), XqaCachedColumnarTest::results);
        assertEquals(40, cached.size());
        int invalid = 0;
        for (int i = 0; i < cached.size(); i++) {
            for (List<Row> other : List.of(parquet, rows)) {
                assertEquals(other.get(i).get(0), cached.get(i).get(0), "row " + i);
                assertArrayEquals(
                        (byte[]) other.get(i).get(1), (byte[]) cached.get(i).get(1), "row " + i);
                assertEquals(other.get(i).get(2), cached.get(i).get(2), "row " + i);
            }
            if (cached.get(i).get(2) != null) {
                invalid++;
                assertNull(cached.get(i).get(1));
            }
        }
        assertEquals(4, invalid, "q of 3, k of 11, trees of 17 and 23");
        assertTrue(
                cached.get(23).getString(2).contains("tree[1] is NULL"),
                cached.get(23).getString(2));
        spark.conf().unset("spark.xqa.columnar.enabled");
        spark.conf().unset("spark.xqa.onInvalidRow");
        String fromParquet = rootMessage(
                assertThrows(Exception.class, () -> results(spark.read().parquet(invalidPath))));
        String fromCache = withCache(
                spark.read().parquet(invalidPath), df -> rootMessage(assertThrows(Exception.class, () -> results(df))));
        assertTrue(
                fromCache.contains("xqa_attention: invalid row id=3: ") && fromCache.contains("not a whole number"),
                fromCache);
        assertEquals(reason(fromParquet), reason(fromCache));
    }

    @Test
    void theScanReadsOnlyTheColumnsTheQueryNeeds() {
        List<Row> got = withCache(spark.read().parquet(path), cached -> {
            Dataset<Row> df = cached.selectExpr("n", CALL + " AS out");
            List<Row> rows = df.collectAsList();
            InMemoryTableScanExec scan = CachedScans.scan(df);
            Set<String> read = new HashSet<>();
            scan.output().foreach(a -> read.add(a.name()));
            // id too: the operator names invalid rows by it; note is not read
            assertEquals(
                    Set.of("id", "q", "k", "v", "tree", "n"),
                    read,
                    scan.output().toString());
            assertTrue(scan.relation().output().size() > scan.output().size());
            assertTrue(Plans.xqaOperators(df).get(0).supportsColumnar());
            return rows;
        });
        Map<Long, byte[]> expected = new HashMap<>();
        for (Req r : reqs) {
            expected.put(r.id() * 3, r.cpuOut(SPEC));
        }
        assertEquals(ROWS, got.size());
        for (Row r : got) {
            assertArrayEquals(expected.get((long) r.getInt(0)), (byte[]) r.get(1), "n " + r.getInt(0));
        }
    }

    /** {@code source} cached, {@code body} applied to it, the cache dropped. */
    private static <T> T withCache(Dataset<Row> source, Function<Dataset<Row>, T> body) {
        Dataset<Row> cached = source.cache();
        try {
            return body.apply(cached);
        } finally {
            cached.unpersist(true);
        }
    }

    private static Map<Long, byte[]> outs(Dataset<Row> table) {
        Map<Long, byte[]> m = new HashMap<>();
        for (Row r : table.selectExpr("id", CALL + " AS out").collectAsList()) {
            assertNull(m.put(r.getLong(0), (byte[]) r.get(1)), "duplicate id " + r.getLong(0));
        }
        return m;
    }

    private static List<Row> results(Dataset<Row> table) {
        return table.selectExpr("id", RESULT + " AS r")
                .selectExpr("id", "r.out", "r.xqa_error")
                .collectAsList();
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }

    /** The operator's line in a failure's messages: {@code xqa_attention: invalid row id=...: reason}. */
    private static String reason(String messages) {
        int at = messages.indexOf("xqa_attention: invalid row");
        int end = messages.indexOf('\n', at);
        return at < 0 ? messages : messages.substring(at, end < 0 ? messages.length() : end);
    }
}
