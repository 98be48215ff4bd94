package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.job.data.RequestTables;
import org.sparkxqa.spark.job.report.RunReport;

/** run's results do not depend on batch limits, and a packed-mask tree column means what its parents mean. */
class RunEquivalenceTest {
    @TempDir
    static Path dir;

    static SparkSession spark;
    static String requests;

    @BeforeAll
    static void generate() {
        spark = SparkTestSessions.shared();
        requests = Cli.generate(dir.resolve("requests"), 60, 6, 80, 2, 11);
    }

    @Test
    void batchLimitsAndReadersChangeBatchCountsButNotResults() {
        String onePartition = dir.resolve("batching-in").toString();
        spark.read().parquet(requests).limit(15).coalesce(1).write().parquet(onePartition);
        AttentionSpec spec = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
        long[][] cases = {{1, 1L << 30, 15}, {15, 1L << 30, 1}, {7, 1L << 30, 3}, {100, 1, 15}};
        List<Row> reference = null;
        for (RequestTables.Reader reader : RequestTables.Reader.values()) {
            for (long[] c : cases) {
                String output = dir.resolve("batching-" + reader + "-" + c[0] + "-" + c[1])
                        .toString();
                SparkSession session = JobSession.open(
                        null,
                        "batching",
                        Map.of(
                                "spark.xqa.batch.maxRows",
                                Long.toString(c[0]),
                                "spark.xqa.batch.maxBytes",
                                Long.toString(c[1])));
                RunReport counters = RunCommand.run(session, spec, onePartition, reader, output, null, false);
                assertEquals(15, counters.rows());
                assertEquals(c[2], counters.batches(), reader + " maxRows=" + c[0] + " maxBytes=" + c[1]);
                List<Row> rows = spark.read()
                        .parquet(output)
                        .orderBy("id")
                        .select("id", "out")
                        .collectAsList();
                if (reference == null) {
                    reference = rows;
                }
                for (int i = 0; i < rows.size(); i++) {
                    assertArrayEquals(
                            (byte[]) reference.get(i).get(1),
                            (byte[]) rows.get(i).get(1),
                            reader + " row " + i);
                }
            }
        }
    }

    @Test
    void packedMaskTreeColumnGivesTheSameOutputAsParents() {
        List<Row> packed = new ArrayList<>();
        for (Row row : spark.read().parquet(requests).collectAsList()) {
            int lq = ((byte[]) row.get(1)).length / 512;
            byte[] mask = null;
            if (!row.isNullAt(4)) {
                List<Integer> parents = row.getList(4);
                mask = DraftMask.fromParents(
                                parents.stream().mapToInt(Integer::intValue).toArray())
                        .toPacked();
            } else if (row.getLong(0) % 2 == 0) {
                mask = DraftMask.chain(lq).toPacked();
            }
            packed.add(RowFactory.create(row.get(0), row.get(1), row.get(2), row.get(3), mask));
        }
        StructField[] schema = spark.read().parquet(requests).schema().fields();
        StructType packedSchema = new StructType(new StructField[] {
            schema[0], schema[1], schema[2], schema[3], DataTypes.createStructField("tree", DataTypes.BinaryType, true)
        });
        String packedInput = dir.resolve("packed").toString();
        spark.createDataFrame(packed, packedSchema).write().parquet(packedInput);
        String fromParents = dir.resolve("parents-out").toString();
        String fromPacked = dir.resolve("packed-out").toString();
        assertEquals(
                0,
                Cli.runWithSpec("run", "--input", requests, "--output", fromParents, "--backend", "cpu")
                        .exitCode());
        Cli.Result result = Cli.runWithSpec(
                "run", "--input", packedInput, "--output", fromPacked, "--backend", "cpu", "--tree-column", "tree");
        assertEquals(0, result.exitCode(), result.err());
        List<Row> a = spark.read()
                .parquet(fromParents)
                .orderBy("id")
                .select("id", "out")
                .collectAsList();
        List<Row> b = spark.read()
                .parquet(fromPacked)
                .orderBy("id")
                .select("id", "out")
                .collectAsList();
        assertEquals(60, b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(
                    (byte[]) a.get(i).get(1),
                    (byte[]) b.get(i).get(1),
                    "id " + a.get(i).get(0));
        }
    }
}
