package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.SparkTestSessions;

/** generate --kv-dtype e4m3 → run → verify with the CPU backend: the reported scales are the ones that verify. */
class JobFp8RoundTripTest {
    private static final Pattern SCALES = Pattern.compile("--kv-dtype e4m3 --k-scale (\\S+) --v-scale (\\S+)");

    @TempDir
    static Path dir;

    static SparkSession spark;
    static String requests;
    static String kScale;
    static String vScale;

    @BeforeAll
    static void generate() {
        spark = SparkTestSessions.shared();
        requests = dir.resolve("requests").toString();
        Cli.Result result = Cli.runWithSpec(
                "generate",
                "--kv-dtype",
                "e4m3",
                "--output",
                requests,
                "--rows",
                "24",
                "--max-q-len",
                "5",
                "--max-kv-len",
                "70",
                "--partitions",
                "2",
                "--seed",
                "11");
        assertEquals(0, result.exitCode(), result.err());
        Matcher m = SCALES.matcher(result.out());
        assertTrue(m.find(), "generate reports the scales: " + result.out());
        kScale = m.group(1);
        vScale = m.group(2);
    }

    @Test
    void theReportedScaleMapsTheLargestValueOntoTheLargestE4m3Code() {
        float k = Float.parseFloat(kScale);
        assertTrue(k > 2.0f / 448 && k < 8.0f / 448, "standard normal amax of thousands of values over 448: " + k);
        float largest = 0;
        for (Row row : spark.read().parquet(requests).select("k").collectAsList()) {
            for (float x : ElementType.E4M3.decodeAll((byte[]) row.get(0))) {
                largest = Math.max(largest, Math.abs(x));
            }
        }
        assertEquals(448f, largest, "the largest |k| is stored as the largest e4m3 code");
    }

    @Test
    void runThenVerifyWithTheReportedScalesPasses() {
        String output = dir.resolve("output").toString();
        Cli.Result run = Cli.runWithSpec(
                "run",
                "--kv-dtype",
                "e4m3",
                "--k-scale",
                kScale,
                "--v-scale",
                vScale,
                "--input",
                requests,
                "--output",
                output,
                "--backend",
                "cpu");
        assertEquals(0, run.exitCode(), run.err());
        Cli.Result verify = Cli.runWithSpec(
                "verify",
                "--kv-dtype",
                "e4m3",
                "--k-scale",
                kScale,
                "--v-scale",
                vScale,
                "--input",
                output,
                "--sample",
                "24");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        assertTrue(verify.out().contains("PASS"), verify.out());
        Cli.Result unscaled = Cli.runWithSpec("verify", "--kv-dtype", "e4m3", "--input", output, "--sample", "24");
        assertEquals(1, unscaled.exitCode(), "verify without the scales must see the difference: " + unscaled.out());
    }

    @Test
    void aBadScaleIsAUsageError() {
        Cli.Result r = Cli.runWithSpec(
                "run",
                "--kv-dtype",
                "e4m3",
                "--k-scale",
                "-1",
                "--input",
                requests,
                "--output",
                dir.resolve("never").toString(),
                "--backend",
                "cpu");
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains("k_scale must be finite and positive"), r.err());
    }
}
