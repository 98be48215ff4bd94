package org.sparkxqa.spark.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.Median;
import org.sparkxqa.spark.job.bench.ScanPasses;
import org.sparkxqa.spark.job.data.RequestTables;
import org.sparkxqa.spark.job.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code xqa bench scan}: the Parquet scan alone, the request reader against Spark's vectorized scan
 * on the same files in one session, passes alternating between them ({@link ScanPasses}: every
 * BINARY value copied once, as packing does). Prints each pass and the median GB/s of each reader. A
 * program, not a test.
 */
@Command(
        name = "bench-scan",
        mixinStandardHelpOptions = true,
        description = "Time the Parquet scan alone over a request table: the Spark XQA request reader vs "
                + "Spark's vectorized scan, passes alternating, every BINARY value copied once (as packing does).")
final class ScanBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Mixin
    SessionOptions session;

    @Option(names = "--input", required = true, paramLabel = "IN", description = "Parquet request table.")
    String input;

    @Option(
            names = "--passes",
            paramLabel = "N",
            defaultValue = "5",
            description = "Passes per reader (default ${DEFAULT-VALUE}).")
    int passes;

    @Override
    public Integer call() {
        if (passes < 1) {
            throw new ParameterException(command.commandLine(), "--passes must be >= 1");
        }
        SparkSession spark = session.open("xqa bench scan");
        TextTable table = new TextTable("pass", "reader", "bytes", "time", "GB/s");
        List<List<Double>> rates = List.of(new ArrayList<>(), new ArrayList<>());
        RequestTables.Reader[] readers = RequestTables.Reader.values();
        for (int pass = 1; pass <= passes; pass++) {
            for (RequestTables.Reader reader : readers) {
                long start = System.nanoTime();
                long bytes = RequestTables.withTable(spark, input, reader, ScanPasses::copyBinaryValues);
                double seconds = (System.nanoTime() - start) / 1e9;
                rates.get(reader.ordinal()).add(bytes / seconds / 1e9);
                table.row(
                        pass,
                        reader.name().toLowerCase(),
                        bytes,
                        TextTable.seconds(System.nanoTime() - start),
                        String.format("%.3f", bytes / seconds / 1e9));
            }
        }
        table.print(command.commandLine().getOut());
        for (RequestTables.Reader reader : readers) {
            command.commandLine()
                    .getOut()
                    .printf(
                            "%s: median %.3f GB/s of %d passes%n",
                            reader.name().toLowerCase(), Median.of(rates.get(reader.ordinal())), passes);
        }
        return 0;
    }
}
