package org.sparkxqa.spark.job;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.spark.SparkTestSessions;

/** generate → run → verify with the CPU backend, through the job's command line. */
class JobRoundTripTest {
    @TempDir
    static Path dir;

    static SparkSession spark;
    static String requests;

    @BeforeAll
    static void generate() {
        spark = SparkTestSessions.shared();
        requests = Cli.generate(dir.resolve("requests"), 60, 6, 80, 3, 5);
    }

    @Test
    void generatedTableHasTheCanonicalColumnsAndMixedShapes() {
        Dataset<Row> table = spark.read().parquet(requests);
        assertEquals(List.of("id", "q", "k", "v", "tree"), Arrays.asList(table.columns()));
        assertEquals(60, table.count());
        assertTrue(table.where(col("tree").isNull()).count() > 0, "some chains");
        assertTrue(table.where(col("tree").isNotNull()).count() > 0, "some trees");
        assertTrue(table.select(length(col("q"))).distinct().count() > 2, "several Lq");
        assertTrue(table.select(length(col("k"))).distinct().count() > 10, "several Lk");
    }

    @Test
    void generatedFilesAreUncompressedParquet() throws Exception {
        List<String> parts;
        try (var files = Files.list(Path.of(requests))) {
            parts = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("part-"))
                    .toList();
        }
        assertFalse(parts.isEmpty(), "part files");
        for (String name : parts) {
            assertTrue(name.endsWith(".parquet") && !name.contains(".snappy."), name);
        }
    }

    @Test
    void generationDependsOnlyOnSeedAndId() {
        String onePartition = dir.resolve("requests-1p").toString();
        assertEquals(
                0,
                Cli.runWithSpec(
                                "generate",
                                "--output",
                                onePartition,
                                "--rows",
                                "60",
                                "--max-q-len",
                                "6",
                                "--max-kv-len",
                                "80",
                                "--partitions",
                                "1",
                                "--seed",
                                "5")
                        .exitCode());
        Dataset<Row> a = spark.read().parquet(requests);
        Dataset<Row> b = spark.read().parquet(onePartition);
        assertEquals(0, a.exceptAll(b).count());
        assertEquals(0, b.exceptAll(a).count());
    }

    @Test
    void runThenVerifyPasses() {
        String output = dir.resolve("output").toString();
        Cli.Result run = Cli.runWithSpec("run", "--input", requests, "--output", output, "--backend", "cpu");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("cpu"), run.out());
        Dataset<Row> out = spark.read().parquet(output);
        assertEquals(60, out.count());
        assertEquals(
                0,
                out.where(col("out").isNull().or(length(col("out")).notEqual(length(col("q")))))
                        .count());
        Cli.Result verify = Cli.runWithSpec("verify", "--input", output, "--sample", "25");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        assertTrue(verify.out().contains("PASS"), verify.out());
    }

    @Test
    void verifyFailsWhenOutputIsWrong() {
        String output = dir.resolve("output-wrong").toString();
        assertEquals(
                0,
                Cli.runWithSpec("run", "--input", requests, "--output", output, "--backend", "cpu")
                        .exitCode());
        String corrupted = dir.resolve("corrupted").toString();
        spark.read().parquet(output).withColumn("out", col("q")).write().parquet(corrupted);
        Cli.Result verify = Cli.runWithSpec("verify", "--input", corrupted, "--sample", "10");
        assertEquals(1, verify.exitCode(), verify.out());
        assertTrue(verify.out().contains("FAIL"), verify.out());
    }

    @Test
    void otherColumnsPassThroughUntouched() {
        Dataset<Row> input = spark.read()
                .parquet(requests)
                .withColumn(
                        "name",
                        when(col("id").mod(4).equalTo(0), lit(null))
                                .otherwise(concat(lit("r"), col("id").cast("string"))))
                .withColumn("weight", col("id").multiply(0.25))
                .withColumn("tags", array(lit("a"), col("id").cast("string")))
                .withColumn("meta", struct(col("id").plus(1).as("next"), lit("x").as("tag")));
        String extended = dir.resolve("extended").toString();
        input.write().parquet(extended);
        String output = dir.resolve("extended-out").toString();
        assertEquals(
                0,
                Cli.runWithSpec("run", "--input", extended, "--output", output, "--backend", "cpu")
                        .exitCode());
        Dataset<Row> in = spark.read().parquet(extended);
        Dataset<Row> out = spark.read().parquet(output);
        List<String> expectedColumns = new ArrayList<>(Arrays.asList(in.columns()));
        expectedColumns.add("out");
        assertEquals(expectedColumns, Arrays.asList(out.columns()));
        assertEquals(in.count(), out.count());
        assertEquals(0, out.drop("out").exceptAll(in).count());
        assertEquals(0, in.exceptAll(out.drop("out")).count());
    }
}
