package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkxqa.spark.SparkTestSessions;

/**
 * A Parquet file written by another program (pyarrow, with nulls in tree and extra columns) goes
 * through the job, and Python checks {@code out} against its own numpy float64 computation.
 * Skipped, with the reason, when python3 with pyarrow and numpy is missing ({@code ./xqa test}
 * installs pyarrow into .xqa/pip and puts it on PYTHONPATH).
 */
class PythonInteropTest {
    private static final Path SCRIPTS = Path.of("src", "test", "python");

    @BeforeAll
    static void requirePython() throws InterruptedException {
        assumeTrue(
                python(List.of("-c", "import pyarrow, numpy")).exitCode == 0,
                "python3 with pyarrow and numpy not found: the pyarrow interop test is skipped");
        SparkTestSessions.shared();
    }

    private record Outcome(int exitCode, String output) {}

    private static Outcome python(List<String> args) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(args);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(-1, output + "\n(timed out)");
            }
            return new Outcome(process.exitValue(), output);
        } catch (IOException e) {
            return new Outcome(-1, e.toString());
        }
    }

    @ParameterizedTest
    @CsvSource({"bf16, 1e-2", "fp16, 2e-3"})
    void runsOnPyarrowParquetAndMatchesNumpy(String dtype, String tolerance, @org.junit.jupiter.api.io.TempDir Path dir)
            throws InterruptedException {
        String input = dir.resolve("requests.parquet").toString();
        String output = dir.resolve("output").toString();
        List<String> shape = List.of("--dtype", dtype, "--q-heads", "8", "--kv-heads", "2", "--head-dim", "64");
        List<String> write = new ArrayList<>(
                List.of(SCRIPTS.resolve("write_requests.py").toString(), "--output", input, "--rows", "30"));
        write.addAll(shape);
        Outcome written = python(write);
        assertEquals(0, written.exitCode, written.output);

        List<String> run = new ArrayList<>(List.of("run", "--input", input, "--output", output, "--backend", "cpu"));
        run.addAll(shape);
        Cli.Result result = Cli.run(run.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err());

        List<String> check = new ArrayList<>(List.of(
                SCRIPTS.resolve("check_outputs.py").toString(),
                "--input",
                input,
                "--output",
                output,
                "--tolerance",
                tolerance));
        check.addAll(shape);
        Outcome checked = python(check);
        assertEquals(0, checked.exitCode, checked.output);
        System.out.println(dtype + ": " + checked.output.strip());
    }
}
