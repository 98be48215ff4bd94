package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SimpleMode$;
import org.apache.spark.sql.execution.SparkPlan;
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
 * The columnar path of the batched operator over the Parquet vectorized scan: the plan (no row
 * conversion between the scan and the operator), results byte-equal to the row path and to the CPU
 * backend request by request, pass-through columns untouched, on- and off-heap vectors, several
 * launches per input batch and several input batches per partition, and the metrics.
 */
class XqaColumnarTest {
    static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
    static final String CALL = "xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64)";
    static final int ROWS = 240;
    private static SparkSession spark;
    private static List<Req> reqs;
    private static String path;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkTestSessions.start(SparkTestSessions.builder("XqaColumnarTest")
                .config("spark.sql.extensions", "org.sparkxqa.spark.XqaSessionExtensions")
                .config("spark.sql.parquet.columnarReaderBatchSize", "50"));
        reqs = TestRequests.random(SPEC, ROWS, 31);
        Path dir = Files.createTempDirectory("xqa-columnar");
        path = dir.resolve("requests").toString();
        XqaBatchingTest.table(spark, reqs, 3)
                .selectExpr("*", "concat('note-', id) AS note")
                .write()
                .parquet(path);
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
                "spark.sql.parquet.enableVectorizedReader",
                "spark.sql.columnVector.offheap.enabled")) {
            spark.conf().unset(key);
        }
    }

    private static Dataset<Row> query() {
        return spark.read().parquet(path).selectExpr("id", "note", CALL + " AS out");
    }

    @Test
    void theOperatorReadsTheScansBatchesWithNoRowConversionBetween() {
        Dataset<Row> df = query();
        df.collectAsList();
        XqaAttentionExec x = Plans.xqaOperators(df).get(0);
        assertTrue(x.supportsColumnar(), x.toString());
        SparkPlan child = x.children().head();
        assertTrue(child instanceof FileSourceScanExec s && s.supportsColumnar(), "child: " + child.nodeName());
        assertFalse(child.exists(p -> p instanceof ColumnarToRowExec), child.treeString());
        assertTrue(
                df.queryExecution().explainString(SimpleMode$.MODULE$).contains(", columnar"),
                "EXPLAIN names the columnar operator");
    }

    @Test
    void resultsEqualTheRowPathAndTheCpuBackendRequestByRequest() {
        spark.conf().set("spark.xqa.batch.maxRows", "16");
        Map<Long, byte[]> columnar = outs(query());
        spark.conf().set("spark.xqa.columnar.enabled", "false");
        Map<Long, byte[]> rows = outs(query());
        assertFalse(Plans.xqaOperators(query()).get(0).supportsColumnar());
        spark.conf().set("spark.xqa.columnar.enabled", "true");
        spark.conf().set("spark.sql.parquet.enableVectorizedReader", "false");
        Map<Long, byte[]> rowScan = outs(query());
        spark.conf().unset("spark.sql.parquet.enableVectorizedReader");
        spark.conf().set("spark.sql.columnVector.offheap.enabled", "true");
        Map<Long, byte[]> offHeap = outs(query());
        assertEquals(ROWS, columnar.size());
        for (Req r : reqs) {
            byte[] expected = r.cpuOut(SPEC);
            assertArrayEquals(expected, columnar.get(r.id()), "columnar, id " + r.id());
            assertArrayEquals(expected, rows.get(r.id()), "columnar disabled, id " + r.id());
            assertArrayEquals(expected, rowScan.get(r.id()), "row-based scan, id " + r.id());
            assertArrayEquals(expected, offHeap.get(r.id()), "off-heap vectors, id " + r.id());
        }
    }

    @Test
    void inputColumnsPassThroughUnchangedAndInOrder() {
        List<Row> in = spark.read().parquet(path).collectAsList();
        List<Row> out =
                spark.read().parquet(path).selectExpr("*", CALL + " AS out").collectAsList();
        assertEquals(in.size(), out.size());
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
            assertNotNull(out.get(i).get(in.get(i).length()));
        }
    }

    @Test
    void launchesAreCutByMaxRowsWithinEachInputBatch() {
        spark.conf().set("spark.xqa.batch.maxRows", "16");
        Dataset<Row> df = query();
        df.collectAsList();
        XqaAttentionExec x = Plans.xqaOperators(df).get(0);
        assertEquals(ROWS, x.metrics().apply("rows").value());
        long partitions = spark.read().parquet(path).rdd().getNumPartitions();
        long batches = x.metrics().apply("batches").value();
        assertTrue(batches >= ROWS / 16 && batches <= ROWS / 16 + 2 * 6 * partitions, "launches: " + batches);
    }

    /**
     * Spark's default cache serializer emits columns only for tables of fixed-width primitive types, so
     * over a cached request table (BINARY q, k, v) the operator takes the row path, with the same bytes
     * (with {@code org.sparkxqa.spark.cache.XqaCachedBatchSerializer} it stays columnar: XqaCachedColumnarTest).
     */
    @Test
    void overTheInMemoryCacheTheOperatorTakesTheRowPath() {
        Dataset<Row> cached = spark.read().parquet(path).cache();
        try {
            Dataset<Row> df = cached.selectExpr("id", "note", CALL + " AS out");
            Map<Long, byte[]> got = outs(df);
            assertFalse(Plans.xqaOperators(df).get(0).supportsColumnar());
            for (Req r : reqs) {
                assertArrayEquals(r.cpuOut(SPEC), got.get(r.id()), "id " + r.id());
            }
        } finally {
            cached.unpersist();
        }
    }

    private static Map<Long, byte[]> outs(Dataset<Row> df) {
        Map<Long, byte[]> m = new HashMap<>();
        for (Row r : df.collectAsList()) {
            assertNull(m.put(r.getLong(0), (byte[]) r.get(2)), "duplicate id " + r.getLong(0));
        }
        return m;
    }
}
