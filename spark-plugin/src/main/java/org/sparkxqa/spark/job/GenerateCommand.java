package org.sparkxqa.spark.job;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.job.data.RequestFiles;
import org.sparkxqa.spark.job.data.RequestGenerator;
import org.sparkxqa.spark.job.data.StagedOutput;
import org.sparkxqa.spark.job.error.UserInputException;
import org.sparkxqa.spark.job.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code xqa generate}: writes synthetic requests (canonical columns) as Parquet. With fp8 K/V and no
 * {@code --k-scale}/{@code --v-scale}, a first pass finds the largest real |k| and |v| and quantises with
 * {@code amax / max finite} (448 for e4m3, 57344 for e5m2); the scales are printed for run and verify.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Write synthetic requests (id, q, k, v, tree) as Parquet: mixed Lq/Lk, chains and trees, seeded.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Mixin
    ShapeOptions shape;

    @Mixin
    KvScaleOptions kvScales;

    @Mixin
    SessionOptions session;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Parquet folder to write.")
    String output;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "Number of requests.")
    long rows;

    @Option(
            names = "--max-q-len",
            paramLabel = "L",
            defaultValue = "8",
            description = "Largest Lq (1..64, default ${DEFAULT-VALUE}).")
    int maxQLen;

    @Option(
            names = "--max-kv-len",
            paramLabel = "L",
            defaultValue = "256",
            description = "Largest Lk (default ${DEFAULT-VALUE}).")
    int maxKvLen;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--partitions",
            paramLabel = "P",
            description = "Partitions (default: Spark's default parallelism).")
    Integer partitions;

    @Option(
            names = "--overwrite",
            description = "Replace the output folder if it exists, once the new output is complete.")
    boolean overwrite;

    @Override
    public Integer call() {
        AttentionSpec spec = shape.spec(command, true);
        if (rows < 0 || (partitions != null && partitions < 1)) {
            throw new ParameterException(command.commandLine(), "--rows must be >= 0 and --partitions >= 1");
        }
        spec = kvScales.apply(command, spec);
        RequestGenerator generator = generator(command, spec, maxQLen, maxKvLen, seed);
        try {
            StagedOutput.checkBeforeSession(output, overwrite);
        } catch (UserInputException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
        SparkSession spark = session.open("xqa generate");
        long start = System.nanoTime();
        if (spec.kvType().isFp8() && !kvScales.bothGiven()) {
            int p = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
            float[] amax = generator.kvAmax(spark, rows, p);
            spec = kvScales.apply(command, spec.withKvScales(fp8Scale(spec, amax[0]), fp8Scale(spec, amax[1])));
            generator = generator(command, spec, maxQLen, maxKvLen, seed);
        }
        write(spark, generator, rows, partitions, output, overwrite);
        new TextTable("rows", "dtype", "kv dtype", "k_scale", "v_scale", "Hq", "Hkv", "D", "output", "time")
                .row(
                        rows,
                        spec.qType().sqlName(),
                        spec.kvType().sqlName(),
                        spec.kScale(),
                        spec.vScale(),
                        spec.qHeads(),
                        spec.kvHeads(),
                        spec.headDim(),
                        output,
                        TextTable.seconds(System.nanoTime() - start))
                .print(command.commandLine().getOut());
        if (spec.kScale() != 1f || spec.vScale() != 1f) {
            command.commandLine()
                    .getOut()
                    .printf(
                            "give run and verify: --kv-dtype %s --k-scale %s --v-scale %s%n",
                            spec.kvType().sqlName(), spec.kScale(), spec.vScale());
        }
        return 0;
    }

    /** The generator for these flags; a bad length is a usage error. */
    static RequestGenerator generator(CommandSpec command, AttentionSpec spec, int maxQLen, int maxKvLen, long seed) {
        try {
            return new RequestGenerator(spec, maxQLen, maxKvLen, seed);
        } catch (UserInputException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }

    /** {@code amax / max finite} of the K/V type, so the largest value lands on the largest code; 1 when all zero. */
    static float fp8Scale(AttentionSpec spec, float amax) {
        return amax > 0 ? amax / spec.kvType().maxFinite() : 1f;
    }

    /**
     * Writes the requests to {@code output} through a staging folder ({@link StagedOutput}).
     *
     * @throws UserInputException when {@code output} exists and {@code overwrite} is false
     */
    static void write(
            SparkSession spark,
            RequestGenerator generator,
            long rows,
            Integer partitions,
            String output,
            boolean overwrite) {
        int p = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
        StagedOutput.of(spark.sparkContext().hadoopConfiguration(), output, overwrite)
                .write(staging -> {
                    RequestFiles.writer(generator.generate(spark, rows, p))
                            .mode(SaveMode.ErrorIfExists)
                            .parquet(staging);
                    return null;
                });
    }
}
