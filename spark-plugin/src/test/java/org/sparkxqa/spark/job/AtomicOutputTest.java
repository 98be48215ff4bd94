package org.sparkxqa.spark.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.job.data.FolderSnapshot;

/** {@code run} and {@code generate} replace their output whole or not at all, through the command line. */
class AtomicOutputTest {
    @TempDir
    static Path dir;

    static SparkSession spark;
    static String requests;
    static String fewer;
    static String bad;

    @BeforeAll
    static void inputs() {
        spark = SparkTestSessions.shared();
        requests = generate("requests", 24);
        fewer = generate("fewer", 9);
        bad = dir.resolve("bad").toString();
        spark.read()
                .parquet(requests)
                .withColumn("k", when(col("id").equalTo(7), lit(new byte[1000])).otherwise(col("k")))
                .write()
                .parquet(bad);
    }

    private static String generate(String name, int rows) {
        return Cli.generate(dir.resolve(name), rows, 4, 40, 2, 42);
    }

    private static Cli.Result run(String input, Path output, String... more) {
        List<String> args =
                new java.util.ArrayList<>(List.of("--input", input, "--output", output.toString(), "--backend", "cpu"));
        args.addAll(List.of(more));
        return Cli.runWithSpec("run", args.toArray(String[]::new));
    }

    @Test
    void aFailedOverwriteLeavesThePreviousOutputByteIdentical() {
        Path output = dir.resolve("kept");
        assertEquals(0, run(requests, output).exitCode());
        Map<String, String> before = FolderSnapshot.of(output);
        Cli.Result failed = run(bad, output, "--overwrite", "--on-invalid", "fail");
        assertEquals(1, failed.exitCode(), failed.err());
        assertTrue(failed.err().contains("row id=7: k has 1000 bytes"), failed.err());
        assertEquals(before, FolderSnapshot.of(output));
        assertEquals(List.of(), FolderSnapshot.leftovers(dir, "kept"), "no staging folder left");
        assertEquals(24, spark.read().parquet(output.toString()).count());
    }

    @Test
    void aSuccessfulOverwriteReplacesTheOutput() {
        Path output = dir.resolve("replaced");
        assertEquals(0, run(requests, output).exitCode());
        Cli.Result again = run(fewer, output, "--overwrite");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(9, spark.read().parquet(output.toString()).count());
        assertEquals(
                0,
                spark.read()
                        .parquet(output.toString())
                        .drop("out")
                        .exceptAll(spark.read().parquet(fewer))
                        .count());
        assertEquals(List.of(), FolderSnapshot.leftovers(dir, "replaced"));
    }

    @Test
    void aFailedFirstRunLeavesNothingSoTheNextRunNeedsNoOverwrite() {
        Path output = dir.resolve("first");
        assertEquals(1, run(bad, output).exitCode());
        assertFalse(Files.exists(output), "no empty output folder");
        assertEquals(List.of(), FolderSnapshot.leftovers(dir, "first"));
        Cli.Result next = run(requests, output);
        assertEquals(0, next.exitCode(), next.err());
        assertEquals(24, spark.read().parquet(output.toString()).count());
    }

    @Test
    void anExistingOutputWithoutOverwriteIsAUsageErrorNamingTheFlagBeforeAnyInputIsRead() {
        Path output = dir.resolve("exists");
        assertEquals(0, run(requests, output).exitCode());
        Map<String, String> before = FolderSnapshot.of(output);
        Cli.Result refused = run(dir.resolve("absent").toString(), output);
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(
                refused.err().startsWith("--output " + output + " already exists; pass --overwrite to replace it\n"),
                refused.err());
        assertFalse(refused.err().contains("PATH_NOT_FOUND"), "checked before the input is read: " + refused.err());
        assertEquals(before, FolderSnapshot.of(output));

        Cli.Result generate = Cli.runWithSpec("generate", "--output", requests, "--rows", "3");
        assertEquals(2, generate.exitCode(), generate.err());
        assertTrue(generate.err().contains("pass --overwrite"), generate.err());
    }

    @Test
    void generateOverwritesWholeOnly() {
        String path = generate("regenerated", 5);
        Cli.Result again = Cli.runWithSpec("generate", "--output", path, "--rows", "7", "--overwrite");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(7, spark.read().parquet(path).count());
        assertEquals(List.of(), FolderSnapshot.leftovers(dir, "regenerated"));
    }

    @Test
    void anEmptyFolderLeftByAnOlderFailedRunNamesOverwriteAndOverwriteReplacesIt() throws Exception {
        Path output = Files.createDirectory(dir.resolve("empty-left"));
        Cli.Result refused = run(requests, output);
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("pass --overwrite to replace it"), refused.err());
        assertFalse(refused.err().contains("PATH_ALREADY_EXISTS"), refused.err());
        Cli.Result replaced = run(requests, output, "--overwrite");
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertEquals(24, spark.read().parquet(output.toString()).count());
    }

    @Test
    void aStagingFolderLeftByAKilledRunDoesNotBreakTheNextRun() throws Exception {
        Path output = dir.resolve("after-kill");
        Path debris = Files.createDirectory(dir.resolve(".after-kill.xqa-staging-0d0e0a0d"));
        Files.write(debris.resolve("part-00000.parquet"), new byte[100]);
        Cli.Result next = run(requests, output);
        assertEquals(0, next.exitCode(), next.err());
        assertEquals(24, spark.read().parquet(output.toString()).count());
        assertEquals(
                List.of(debris.getFileName().toString()),
                FolderSnapshot.leftovers(dir, "after-kill"),
                "another run's folder is never deleted (it may still be writing): only its own");
    }

    @Test
    void aFailedGpuReaderOverwriteKeepsThePreviousOutputToo() {
        Path output = dir.resolve("gpu-reader");
        assertEquals(0, run(requests, output).exitCode());
        Map<String, String> before = FolderSnapshot.of(output);
        Cli.Result failed = run(requests, output, "--overwrite", "--gpu-reader");
        assertEquals(1, failed.exitCode(), failed.err());
        assertTrue(
                failed.err().contains("the GPU reader needs the GPU backend"), "fails in its tasks: " + failed.err());
        assertEquals(before, FolderSnapshot.of(output));
        assertEquals(List.of(), FolderSnapshot.leftovers(dir, "gpu-reader"));
    }
}
