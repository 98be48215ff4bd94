package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.spark.SparkTestSessions;

/** {@code xqa bench scan}: both readers copy every q/k/v byte of the table, pass after pass. */
class ScanBenchCommandTest {
    @TempDir
    static Path dir;

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSessions.shared();
    }

    @Test
    void bothReadersCopyEveryBinaryByteOfTheTable() {
        String in = Cli.generate(dir.resolve("requests"), 20, 4, 64, 2, 3);
        long expected = spark.read()
                .parquet(in)
                .selectExpr("sum(length(q) + length(k) + length(v))")
                .first()
                .getLong(0);
        Cli.Result r = Cli.run("bench-scan", "--input", in, "--passes", "2");
        assertEquals(0, r.exitCode(), r.err());
        Matcher rows = Pattern.compile("(?m)^([12]) +(xqa|spark) +(\\d+) ").matcher(r.out());
        int found = 0;
        while (rows.find()) {
            assertEquals(expected, Long.parseLong(rows.group(3)), rows.group());
            found++;
        }
        assertEquals(4, found, r.out());
        assertTrue(r.out().contains("xqa: median") && r.out().contains("spark: median"), r.out());
        assertEquals(2, Cli.run("bench-scan", "--input", in, "--passes", "0").exitCode());
    }
}
