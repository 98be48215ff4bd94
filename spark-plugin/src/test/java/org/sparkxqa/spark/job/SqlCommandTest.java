package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.spark.SparkTestSessions;

/** {@code xqa sql}: statements from -e or -f, results as text tables, errors as one line. */
class SqlCommandTest {
    /** One request (bf16, Hq=4, Hkv=2, D=64, Lq=1, Lk=1) whose only visible value is 2.0. */
    static final String ATTENTION = "xqa_attention(xqa_from_floats(array_repeat(0.5, 256), 'bf16'),"
            + " xqa_from_floats(array_repeat(1.0, 128), 'bf16'), xqa_from_floats(array_repeat(2.0, 128), 'bf16'),"
            + " NULL, 'bf16', 4, 2, 64)";

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        SparkTestSessions.shared();
    }

    @Test
    void printsAResultTableWithBinaryAbbreviated() {
        Cli.Result r = Cli.run(
                "sql",
                "-e",
                "SELECT 7 AS n, " + ATTENTION + " AS out, xqa_to_floats(" + ATTENTION + ", 'bf16')[0] AS first");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].matches("n\\s+out\\s+first"), lines[0]);
        assertTrue(lines[2].matches("7\\s+0x0040004000400040… \\(512 bytes\\)\\s+2\\.0"), lines[2]);
        assertEquals("(1 rows)", lines[3]);
    }

    @Test
    void runsAFileOfStatementsAndLimitsRows() throws Exception {
        Path file = dir.resolve("script.sql");
        Files.writeString(
                file,
                "-- a view, then a query\nCREATE OR REPLACE TEMP VIEW ids AS SELECT id FROM range(5);\n"
                        + "SELECT id, id * 2 AS twice FROM ids ORDER BY id;\n");
        Cli.Result r = Cli.run("sql", "-f", file.toString(), "--max-rows", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("OK\nid  twice\n---------\n0   0\n1   2\n2   4\n(first 3 rows shown)\n", r.out());
    }

    @Test
    void errorsAreOneLineAndUsageIsChecked() {
        Cli.Result bad = Cli.run("sql", "-e", "SELECT no_such_column");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().startsWith("xqa sql: error: [UNRESOLVED_COLUMN"), bad.err());
        assertFalse(bad.err().contains("\tat "), bad.err());
        assertEquals(2, Cli.run("sql").exitCode(), "-e or -f is required");
        assertEquals(2, Cli.run("sql", "-e", "SELECT 1", "-f", "x.sql").exitCode(), "not both");
        Cli.Result conf = Cli.run("sql", "-e", "SELECT 1", "--conf", "spark.xqa.onInvalidRow=drop");
        assertEquals(2, conf.exitCode());
        assertTrue(conf.err().startsWith("invalid value 'drop' for spark.xqa.onInvalidRow"), conf.err());
    }

    @Test
    void aQueryErrorIsItsMessageAndVerboseAddsTheTrace() {
        String overflow = "SELECT sum(x) FROM VALUES (9223372036854775807L), (1L) AS t(x)";
        Cli.Result plain = Cli.run("sql", "-e", "SELECT 1 AS one; " + overflow);
        assertEquals(1, plain.exitCode(), plain.err());
        assertTrue(plain.out().startsWith("one\n"), "the first statement ran: " + plain.out());
        assertTrue(plain.err().startsWith("xqa sql: error in statement 2: [ARITHMETIC_OVERFLOW]"), plain.err());
        assertFalse(plain.err().contains("\tat "), plain.err());
        Cli.Result verbose = Cli.run("sql", "--verbose", "-e", overflow);
        assertEquals(1, verbose.exitCode());
        assertTrue(verbose.err().startsWith("xqa sql: error: [ARITHMETIC_OVERFLOW]"), verbose.err());
        assertTrue(verbose.err().contains("\tat "), "--verbose prints the trace: " + verbose.err());
    }

    @Test
    void aBadArgumentIsItsMessage() {
        Cli.Result r = Cli.run("sql", "-e", "SELECT " + ATTENTION.replace("NULL, 'bf16', 4", "NULL, 'bf16', 3"));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("xqa sql: error: "), r.err());
        assertTrue(r.err().contains("3"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(r.err().contains("unexpected failure"), r.err());
    }

    @Test
    void truncateZeroShowsWholeValues() {
        String query = "SELECT repeat('x', 70) AS s, X'000102030405060708090a' AS b";
        Cli.Result cut = Cli.run("sql", "-e", query);
        assertEquals(0, cut.exitCode(), cut.err());
        assertTrue(cut.out().contains("x".repeat(60) + "…  0x0001020304050607… (11 bytes)"), cut.out());
        Cli.Result whole = Cli.run("sql", "--truncate", "0", "-e", query);
        assertEquals(0, whole.exitCode(), whole.err());
        assertTrue(whole.out().contains("x".repeat(70) + "  0x000102030405060708090a (11 bytes)"), whole.out());
        assertEquals(2, Cli.run("sql", "--truncate", "-1", "-e", "SELECT 1").exitCode());
    }

    @Test
    void explainIsPrintedWhole() {
        Cli.Result r = Cli.run("sql", "-e", "EXPLAIN EXTENDED SELECT " + ATTENTION + " AS out");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("== Parsed Logical Plan =="), r.out());
        assertTrue(r.out().contains("== Physical Plan =="), r.out());
        assertTrue(r.out().contains("xqa_attention("), r.out());
        assertFalse(r.out().contains("…"), "nothing cut: " + r.out());
        assertFalse(r.out().contains("rows)"), r.out());
    }
}
