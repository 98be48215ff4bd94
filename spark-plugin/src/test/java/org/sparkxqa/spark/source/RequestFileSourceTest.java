package org.sparkxqa.spark.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
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
 * The {@code xqa_requests} source against Spark's own Parquet source on the same files: every value
 * of every supported type (NULLs, empty and NULL arrays, NULL elements, dictionary pages, snappy,
 * many row groups), one task per row group, pruned columns, the columnar operator over it with no row
 * conversion and the CPU backend's bytes, the invalid-row policies, and clear errors for unsupported
 * types and corrupt files.
 */
class RequestFileSourceTest {
    static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
    static final String ARGS = "(q, k, v, tree, 'bf16', 4, 2, 64)";
    static final int ROWS = 120;
    private static SparkSession spark;
    private static List<Req> reqs;
    private static Path dir;
    private static String requests;
    private static String mixed;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkTestSessions.start(SparkTestSessions.builder("RequestFileSourceTest")
                .config("spark.sql.extensions", "org.sparkxqa.spark.XqaSessionExtensions"));
        reqs = TestRequests.random(SPEC, ROWS, 5);
        dir = Files.createTempDirectory("xqa-request-source");
        requests = dir.resolve("requests").toString();
        TestRequests.table(spark, reqs, 3)
                .write()
                .option("parquet.page.row.count.limit", 7)
                .option("parquet.page.size.row.check.min", 1)
                .option("parquet.page.size.row.check.max", 7)
                .option("parquet.block.row.count.limit", 7)
                .parquet(requests);
        mixed = dir.resolve("mixed").toString();
        spark.range(0, 300, 1, 2)
                .selectExpr(
                        "id",
                        "CASE WHEN id % 7 = 0 THEN NULL ELSE CAST(concat('value-', id % 5) AS BINARY) END AS bin",
                        "CASE WHEN id % 11 = 0 THEN NULL ELSE concat('note-', id % 3) END AS note",
                        "CASE WHEN id % 4 = 0 THEN NULL WHEN id % 4 = 1 THEN array() "
                                + "ELSE array(CAST(id AS INT), NULL, -1) END AS tree",
                        "array(id, id * 2) AS longs",
                        "CASE WHEN id % 3 = 0 THEN NULL ELSE id / 3.0D END AS score",
                        "CAST(id / 2 AS FLOAT) AS f",
                        "CAST(id % 100 AS TINYINT) AS b",
                        "CAST(id AS SMALLINT) AS s",
                        "CAST(id AS INT) AS n",
                        "id % 2 = 0 AS flag",
                        "date_add(DATE'2026-01-01', CAST(id AS INT)) AS day")
                .write()
                .option("compression", "snappy")
                .option("parquet.page.row.count.limit", 40)
                .option("parquet.page.size.row.check.min", 1)
                .option("parquet.page.size.row.check.max", 40)
                .option("parquet.block.row.count.limit", 40)
                .parquet(mixed);
    }

    @AfterAll
    static void stop() throws Exception {
        SparkTestSessions.stop(spark);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    @AfterEach
    void resetConf() {
        spark.conf().unset("spark.xqa.onInvalidRow");
    }

    private static Dataset<Row> source(String path) {
        return spark.read().format(RequestFileSource.SHORT_NAME).load(path);
    }

    @Test
    void readsEveryValueAsSparksParquetSourceDoes() {
        List<Row> expected = spark.read().parquet(mixed).orderBy("id").collectAsList();
        List<Row> got = source(mixed).orderBy("id").collectAsList();
        assertEquals(300, got.size());
        assertEquals(spark.read().parquet(mixed).schema(), source(mixed).schema());
        for (int i = 0; i < expected.size(); i++) {
            for (int c = 0; c < expected.get(i).length(); c++) {
                Object a = expected.get(i).get(c);
                Object b = got.get(i).get(c);
                if (a instanceof byte[] x) {
                    assertArrayEquals(x, (byte[]) b, "row " + i + " column " + c);
                } else {
                    assertEquals(a, b, "row " + i + " column " + c);
                }
            }
        }
    }

    @Test
    void oneTaskPerRowGroupReadingOnlyTheColumnsUsed() {
        Dataset<Row> df = source(requests).select("id", "k");
        long groups = ParquetFiles.rowGroups(
                        List.of(requests), spark.sparkContext().hadoopConfiguration())
                .size();
        assertTrue(groups > 3, "7 rows per row group give several per file: " + groups);
        assertEquals(groups, df.rdd().getNumPartitions());
        BatchScanExec scan = (BatchScanExec) df.queryExecution()
                .executedPlan()
                .collectFirst(new scala.runtime.AbstractPartialFunction<SparkPlan, SparkPlan>() {
                    @Override
                    public boolean isDefinedAt(SparkPlan p) {
                        return p instanceof BatchScanExec;
                    }

                    @Override
                    public SparkPlan apply(SparkPlan p) {
                        return p;
                    }
                })
                .get();
        assertEquals(List.of("id", "k"), List.of(scan.scan().readSchema().fieldNames()));
        assertEquals(ROWS, df.count());
    }

    @Test
    void theOperatorReadsTheSourcesBatchesAndGivesTheCpuBackendsBytes() {
        source(requests).createOrReplaceTempView("reqs");
        Dataset<Row> df = spark.sql("SELECT id, xqa_attention" + ARGS + " AS out FROM reqs");
        List<Row> rows = df.collectAsList();
        XqaAttentionExec x = Plans.xqaOperators(df).get(0);
        assertTrue(x.supportsColumnar(), x.toString());
        SparkPlan child = x.children().head();
        assertTrue(child instanceof BatchScanExec, "child: " + child.nodeName());
        assertFalse(child.exists(p -> p instanceof ColumnarToRowExec), child.treeString());
        assertEquals(ROWS, rows.size());
        for (Row r : rows) {
            assertArrayEquals(reqs.get((int) r.getLong(0)).cpuOut(SPEC), (byte[]) r.get(1), "id " + r.getLong(0));
        }
    }

    @Test
    void sqlReadsItWithUsing() {
        spark.sql("CREATE OR REPLACE TEMPORARY VIEW reqs_sql USING xqa_requests OPTIONS (path '" + requests + "')");
        assertEquals(
                ROWS,
                spark.sql("SELECT count(*) FROM reqs_sql WHERE k IS NOT NULL")
                        .first()
                        .getLong(0));
    }

    @Test
    void invalidRowsGetThePolicysAnswerNamedByTheirId() {
        source(mixed)
                .selectExpr("id", "bin AS q", "bin AS k", "bin AS v", "tree")
                .createOrReplaceTempView("bad");
        String sql = "SELECT id, xqa_attention_result" + ARGS + ".xqa_error AS e FROM bad";
        String msg =
                rootMessage(assertThrows(Exception.class, () -> spark.sql(sql).collect()));
        assertTrue(msg.contains("id="), msg);
        spark.conf().set("spark.xqa.onInvalidRow", "null");
        List<Row> rows = spark.sql(sql).collectAsList();
        assertEquals(300, rows.size());
        for (Row r : rows) {
            assertFalse(r.isNullAt(1), "row " + r.getLong(0) + " has an error: its q is not whole tokens");
        }
    }

    @Test
    void unsupportedTypesAreRefusedByName() throws Exception {
        String path = dir.resolve("decimal").toString();
        spark.range(3)
                .selectExpr("id", "CAST(id AS DECIMAL(10, 2)) AS price")
                .write()
                .parquet(path);
        String msg =
                rootMessage(assertThrows(Exception.class, () -> source(path).collect()));
        assertTrue(msg.contains("column price is decimal(10,2)") && msg.contains("format(\"parquet\")"), msg);
    }

    @Test
    void aPartitionedTableIsRefusedNamingThePartitionColumn() {
        String path = dir.resolve("partitioned").toString();
        spark.range(4)
                .selectExpr("id", "CAST(CAST(id AS STRING) AS BINARY) AS q", "id % 2 AS part")
                .write()
                .partitionBy("part")
                .parquet(path);
        String msg = rootMessage(assertThrows(Exception.class, () -> source(path)));
        assertTrue(msg.contains("column part is not in the file") && msg.contains("format(\"parquet\")"), msg);
    }

    @Test
    void aCorruptPageNamesTheFileAndRowGroup() throws Exception {
        String path = dir.resolve("corrupt").toString();
        TestRequests.table(spark, reqs.subList(0, 10), 1)
                .write()
                .option("compression", "snappy")
                .parquet(path);
        Path file;
        try (Stream<Path> files = Files.list(Path.of(path))) {
            file = files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            for (long at = 64; at < f.length() / 2; at += 97) {
                f.seek(at);
                f.write(0x5A);
            }
        }
        String msg = messages(assertThrows(Exception.class, () -> source(path).collect()));
        assertTrue(
                msg.contains("cannot read row group 0 of")
                        && msg.contains(file.getFileName().toString()),
                msg);
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
