package org.sparkxqa.spark.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.job.data.RequestColumns;
import org.sparkxqa.spark.job.data.RequestGenerator;
import org.sparkxqa.spark.job.data.RequestTables;
import org.sparkxqa.spark.job.data.Verifier;
import org.sparkxqa.spark.job.report.RunReport;
import org.sparkxqa.spark.job.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xqa demo}: generate → run → verify on defaults in a work folder, with a summary table. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Generate requests, run them, verify a sample against float64; print a summary."
                + " Shape flags default to bf16, Hq=8, Hkv=2, D=128.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Mixin
    ShapeOptions shape;

    @Mixin
    EvaluationFlags evaluation;

    @Mixin
    SessionOptions session;

    @Option(
            names = "--rows",
            paramLabel = "N",
            defaultValue = "512",
            description = "Requests (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(
            names = "--sample",
            paramLabel = "N",
            defaultValue = "64",
            description = "Rows verified (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description =
                    "Folder for the requests and the output (kept); default: a temporary folder, deleted afterwards.")
    Path work;

    @Override
    public Integer call() throws IOException {
        AttentionSpec spec = shape.spec(command, false);
        Map<String, String> settings = evaluation.settings(command);
        Path folder = work != null ? work : Files.createTempDirectory("xqa-demo-");
        try {
            return demo(spec, settings, folder);
        } finally {
            if (work == null) {
                deleteRecursively(folder);
            }
        }
    }

    private int demo(AttentionSpec spec, Map<String, String> settings, Path folder) {
        String requests = folder.resolve("requests").toString();
        String output = folder.resolve("output").toString();
        SparkSession spark = session.open("xqa demo", settings);
        long t0 = System.nanoTime();
        GenerateCommand.write(spark, new RequestGenerator(spec, 8, 256, 42), rows, null, requests, true);
        long t1 = System.nanoTime();
        RunReport run = RunCommand.run(spark, spec, requests, RequestTables.Reader.XQA, output, null, true);
        long t2 = System.nanoTime();
        Verifier.Report report =
                Verifier.verify(spark.read().parquet(output), spec, RequestColumns.TREE, false, sample, 7);
        long t3 = System.nanoTime();
        command.commandLine()
                .getOut()
                .printf(
                        "demo: %s Hq=%d Hkv=%d D=%d, Lq<=8, Lk<=256, in %s%n",
                        spec.qType().sqlName(),
                        spec.qHeads(),
                        spec.kvHeads(),
                        spec.headDim(),
                        work != null ? folder : "a temporary folder");
        new TextTable("step", "rows", "backend", "time", "worst rel error", "result")
                .row("generate", rows, "", TextTable.seconds(t1 - t0), "", "")
                .row(
                        "run",
                        run.rows(),
                        run.backendNames(),
                        TextTable.seconds(t2 - t1),
                        "",
                        run.invalidRows() + " invalid")
                .row(
                        "verify",
                        report.sampled() + " sampled",
                        "float64 reference",
                        TextTable.seconds(t3 - t2),
                        String.format("%.2e (tol %.0e)", report.worstError(), report.tolerance()),
                        report.passed() ? "PASS" : "FAIL")
                .print(command.commandLine().getOut());
        return report.passed() ? 0 : 1;
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
