package org.sparkxqa.spark.job;

import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The Spark XQA job: {@code generate}, {@code run}, {@code verify}, {@code bench}, {@code demo} and
 * {@code sql}.
 * Works embedded ({@code java ... XqaJob run ...}, master {@code local[*]}) and under
 * {@code spark-submit --class org.sparkxqa.spark.job.XqaJob}. Exit codes: 0 success, 1 failure
 * (a failed job or a failed verification), 2 usage error (one line plus the usage text).
 */
@Command(
        name = "xqa",
        mixinStandardHelpOptions = true,
        version = "Spark XQA job 0.1.0",
        description = "Speculative-decoding attention over tables of requests, with Apache Spark.",
        subcommands = {
            GenerateCommand.class,
            RunCommand.class,
            VerifyCommand.class,
            BenchCommand.class,
            ScanBenchCommand.class,
            DemoCommand.class,
            SqlCommand.class
        })
public final class XqaJob implements Runnable {
    @Spec
    CommandSpec command;

    /** Runs a subcommand, stops Spark and exits with the subcommand's exit code. */
    public static void main(String[] args) {
        QuietLogging.installUnlessConfigured();
        int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        SparkSession.getDefaultSession().foreach(session -> {
            session.stop();
            return null;
        });
        System.exit(code);
    }

    /**
     * Parses and runs one subcommand, printing to {@code out} and {@code err}; leaves any Spark session
     * running (tests share one).
     *
     * @return the exit code
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new XqaJob())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(new JobErrorHandler())
                .execute(args);
    }

    @Override
    public void run() {
        throw new ParameterException(
                command.commandLine(), "Missing subcommand: generate, run, verify, bench, demo or sql");
    }
}
