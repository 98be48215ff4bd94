package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage errors: one line naming the problem, then the usage text, exit code 2; no Spark is started. */
class CliParsingTest {
    private static final String MISSING = "/nonexistent/xqa-input";

    private static void assertUsageError(Cli.Result result, String expectedFirstLine) {
        assertEquals(2, result.exitCode(), result.err());
        String[] lines = result.err().split("\n");
        assertTrue(lines[0].contains(expectedFirstLine), "first line: " + lines[0]);
        assertTrue(lines.length > 1 && lines[1].startsWith("Usage: xqa"), "usage follows:\n" + result.err());
    }

    @Test
    void unknownFlag() {
        assertUsageError(
                Cli.runWithSpec("run", "--input", MISSING, "--output", "x", "--bogus"), "Unknown option: '--bogus'");
    }

    @Test
    void badDtype() {
        assertUsageError(
                Cli.run(
                        "run",
                        "--dtype",
                        "fp8",
                        "--q-heads",
                        "4",
                        "--kv-heads",
                        "2",
                        "--head-dim",
                        "64",
                        "--input",
                        MISSING,
                        "--output",
                        "x"),
                "unsupported element type 'fp8': supported are [fp16, bf16, e4m3, e5m2]");
    }

    @Test
    void fp8IsForKvOnly() {
        assertUsageError(
                Cli.run(
                        "run",
                        "--dtype",
                        "e4m3",
                        "--q-heads",
                        "4",
                        "--kv-heads",
                        "2",
                        "--head-dim",
                        "64",
                        "--input",
                        MISSING,
                        "--output",
                        "x"),
                "q/out type e4m3 is not supported: q and out are fp16 or bf16");
    }

    @Test
    void unsupportedHeadDimIsAnUpFrontError() {
        Cli.Result result = Cli.run(
                "run",
                "--dtype",
                "bf16",
                "--q-heads",
                "4",
                "--kv-heads",
                "2",
                "--head-dim",
                "96",
                "--input",
                MISSING,
                "--output",
                "x");
        assertUsageError(result, "head dim 96 is not supported: supported are 64, 128, 256");
    }

    @Test
    void unsupportedGroupIsAnUpFrontError() {
        assertUsageError(
                Cli.run(
                        "verify",
                        "--dtype",
                        "fp16",
                        "--q-heads",
                        "33",
                        "--kv-heads",
                        "1",
                        "--head-dim",
                        "64",
                        "--input",
                        MISSING),
                "group Hq/Hkv=33 is larger than the supported 32");
    }

    @Test
    void missingShapeFlag() {
        assertUsageError(
                Cli.run(
                        "run",
                        "--q-heads",
                        "4",
                        "--kv-heads",
                        "2",
                        "--head-dim",
                        "64",
                        "--input",
                        MISSING,
                        "--output",
                        "x"),
                "Missing required option: '--dtype'");
    }

    @Test
    void badEnumValues() {
        assertUsageError(
                Cli.runWithSpec("run", "--input", MISSING, "--output", "x", "--backend", "tpu"),
                "unknown backend 'tpu': use auto, gpu or cpu");
        assertUsageError(
                Cli.runWithSpec("run", "--input", MISSING, "--output", "x", "--on-invalid", "skip"),
                "unknown invalid-row policy 'skip': use fail or null");
    }

    @Test
    void badNumbers() {
        assertUsageError(
                Cli.runWithSpec("run", "--input", MISSING, "--output", "x", "--batch-max-rows", "0"),
                "invalid value '0' for spark.xqa.batch.maxRows: must be >= 1");
        assertUsageError(
                Cli.runWithSpec("generate", "--output", "x", "--rows", "ten"), "Invalid value for option '--rows'");
        assertUsageError(
                Cli.runWithSpec("generate", "--output", "x", "--rows", "10", "--max-q-len", "65"),
                "--max-q-len must be in 1..64, got 65");
        assertUsageError(
                Cli.runWithSpec("run", "--input", MISSING, "--output", "x", "--window", "-1"), "window must be >= 0");
    }

    @Test
    void missingSubcommand() {
        assertUsageError(Cli.run(), "Missing subcommand");
    }

    @ParameterizedTest
    @ValueSource(strings = {"generate", "run", "verify", "bench", "demo", "sql"})
    void everySubcommandAnswersHelp(String subcommand) {
        Cli.Result result = Cli.run(subcommand, "--help");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().startsWith("Usage: xqa " + subcommand), result.out());
    }
}
