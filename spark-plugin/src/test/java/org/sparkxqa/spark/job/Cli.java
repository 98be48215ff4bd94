package org.sparkxqa.spark.job;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the job's command line in-process and captures what it prints. */
final class Cli {
  /** The shape most job tests use. */
  static final List<String> SPEC = List.of("--dtype", "bf16", "--q-heads", "4", "--kv-heads", "2", "--head-dim", "64");

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
}
