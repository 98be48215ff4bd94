package org.sparkxqa.spark.job;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.job.data.RequestColumns;
import org.sparkxqa.spark.job.data.Verifier;
import org.sparkxqa.spark.job.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xqa verify}: recomputes a sample of a run's output in float64 and reports the worst error. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description =
                "Recompute a sample of run's output with a float64 reference; exit 0 when the worst relative error"
                        + " is within tolerance (bf16 1e-2, fp16 2e-3), else 1.")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Mixin
    SpecOptions specOptions;

    @Mixin
    SessionOptions session;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "The output folder of run.")
    String input;

    @Option(
            names = "--sample",
            paramLabel = "N",
            defaultValue = "64",
            description = "Rows to recompute (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "7",
            description = "Sampling seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--tree-column",
            paramLabel = "NAME",
            description = "Draft-tree column (default: tree, if present).")
    String treeColumn;

    @Override
    public Integer call() {
        AttentionSpec spec = specOptions.spec(command, true);
        if (sample < 1) {
            throw new picocli.CommandLine.ParameterException(
                    command.commandLine(), "--sample must be >= 1, got " + sample);
        }
        SparkSession spark = session.open("xqa verify");
        long start = System.nanoTime();
        Verifier.Report report = Verifier.verify(
                spark.read().parquet(input),
                spec,
                treeColumn != null ? treeColumn : RequestColumns.TREE,
                treeColumn != null,
                sample,
                seed);
        print(report, System.nanoTime() - start);
        return report.passed() ? 0 : 1;
    }

    private void print(Verifier.Report report, long nanos) {
        new TextTable("rows", "null out", "sampled", "worst rel error", "worst row", "tolerance", "time", "result")
                .row(
                        report.rows(),
                        report.nullOutRows(),
                        report.sampled(),
                        String.format("%.2e", report.worstError()),
                        report.worstRowId(),
                        String.format("%.0e", report.tolerance()),
                        TextTable.seconds(nanos),
                        report.passed() ? "PASS" : "FAIL")
                .print(command.commandLine().getOut());
    }
}
