package org.sparkxqa.spark.job;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.job.data.AttentionRunner;
import org.sparkxqa.spark.job.data.RequestColumns;
import org.sparkxqa.spark.job.data.RequestTables;
import org.sparkxqa.spark.job.data.StagedOutput;
import org.sparkxqa.spark.job.error.UserInputException;
import org.sparkxqa.spark.job.report.ExecutedOperators;
import org.sparkxqa.spark.job.report.RunReport;
import org.sparkxqa.spark.job.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code xqa run}: Parquet in, the same rows plus {@code out} (and {@code xqa_error}) out. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Compute spec-dec attention for every row of a Parquet table; writes all columns plus 'out'.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Mixin
    SpecOptions specOptions;

    @Mixin
    EvaluationFlags evaluation;

    @Mixin
    SessionOptions session;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "IN",
            description = "Parquet input with q, k, v (BINARY) and optionally id, tree.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "OUT", description = "Parquet folder to write.")
    String output;

    @Option(
            names = "--tree-column",
            paramLabel = "NAME",
            description = "Draft-tree column (default: tree, if present).")
    String treeColumn;

    @Option(
            names = "--overwrite",
            description = "Replace the output folder if it exists, once the new output is complete.")
    boolean overwrite;

    @Option(
            names = "--gpu-reader",
            description = "Read, evaluate and write each Parquet file on its executor's GPU "
                    + "with cuDF (K/V cross PCIe once, as file bytes). Needs the GPU backend and --on-invalid fail.")
    boolean gpuReader;

    @Option(
            names = "--reader",
            paramLabel = "xqa|spark",
            defaultValue = "xqa",
            description = "How to read the input: xqa (default; q, k and v reach the operator as views of the "
                    + "Parquet pages; a table with other column types than it reads falls back to spark) "
                    + "or spark (Spark's vectorized Parquet scan).")
    String reader;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description =
                    "Also write the summary as JSON: rows, invalid rows, batches, and each executor's backend and GPU.")
    Path report;

    @Override
    public Integer call() {
        AttentionSpec spec = specOptions.spec(command, true);
        RequestTables.Reader inputReader;
        try {
            inputReader = RequestTables.Reader.of(reader);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), "--reader: " + e.getMessage());
        }
        try {
            StagedOutput.checkBeforeSession(output, overwrite);
        } catch (UserInputException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
        SparkSession spark = session.open("xqa run", evaluation.settings(command));
        long start = System.nanoTime();
        RunReport result = gpuReader
                ? GpuReaderPath.run(spark, spec, input, output, treeColumn, overwrite)
                : run(spark, spec, input, inputReader, output, treeColumn, overwrite);
        new TextTable("rows", "invalid", "batches", "backend", "time", "output")
                .row(
                        result.rows(),
                        result.invalidRows(),
                        result.batches(),
                        result.backendNames(),
                        TextTable.seconds(System.nanoTime() - start),
                        output)
                .print(command.commandLine().getOut());
        TextTable executors = new TextTable("executor", "backend", "gpu");
        result.executors().forEach(u -> executors.row(u.executorId(), u.backend(), u.gpu() == null ? "none" : u.gpu()));
        executors.print(command.commandLine().getOut());
        if (report != null) {
            result.writeJson(report);
        }
        return 0;
    }

    /**
     * Reads {@code input} with {@code reader} ({@link RequestTables}), evaluates every row through {@code xqa_attention_result} with {@code spark}'s
     * {@code spark.xqa.*} settings and writes {@code output} through a staging folder
     * ({@link StagedOutput}): a failed run leaves the previous output, or none, and nothing else.
     * {@code spark} should be private to this run (see {@link JobSession}).
     *
     * @throws UserInputException when {@code output} exists and {@code overwrite} is false
     */
    static RunReport run(
            SparkSession spark,
            AttentionSpec spec,
            String input,
            RequestTables.Reader reader,
            String output,
            String treeColumn,
            boolean overwrite) {
        StagedOutput target = StagedOutput.of(spark.sparkContext().hadoopConfiguration(), output, overwrite);
        String tree = treeColumn != null ? treeColumn : RequestColumns.TREE;
        return RequestTables.withTable(spark, input, reader, in -> {
            Dataset<Row> out =
                    AttentionRunner.apply(in, spec, JobSession.onInvalidRow(spark), tree, treeColumn != null);
            return RunReport.of(target.write(staging -> ExecutedOperators.of(
                    spark, () -> out.write().mode(SaveMode.ErrorIfExists).parquet(staging))));
        });
    }
}
