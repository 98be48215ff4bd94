package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the job's command line in-process and captures what it prints. */
final class Cli {
    /** The shape most job tests use. */
    static final List<String> SPEC =
            List.of("--dtype", "bf16", "--q-heads", "4", "--kv-heads", "2", "--head-dim", "64");

    record Result(int exitCode, String out, String err) {}

    private Cli() {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = XqaJob.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code command}, then {@link #SPEC}, then {@code rest}. */
    static Result runWithSpec(String command, String... rest) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.addAll(SPEC);
        args.addAll(Arrays.asList(rest));
        return run(args.toArray(String[]::new));
    }

    /**
     * {@code generate} of {@code rows} requests of {@link #SPEC} (Lq at most {@code maxQLen}, Lk at most
     * {@code maxKvLen}) into {@code output}, in {@code partitions} files from {@code seed}; fails the test
     * if it does not exit 0. Returns the output path.
     */
    static String generate(Path output, int rows, int maxQLen, int maxKvLen, int partitions, long seed) {
        Result result = runWithSpec(
                "generate",
                "--output",
                output.toString(),
                "--rows",
                String.valueOf(rows),
                "--max-q-len",
                String.valueOf(maxQLen),
                "--max-kv-len",
                String.valueOf(maxKvLen),
                "--partitions",
                String.valueOf(partitions),
                "--seed",
                String.valueOf(seed));
        assertEquals(0, result.exitCode(), result.err());
        return output.toString();
    }
}
