package org.sparkxqa.spark.job;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.core.BatchCap;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.XqaConf;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import scala.Tuple2;

/**
 * Flags for how rows are evaluated. Each is a {@code spark.xqa.*} setting that the job passes to its
 * Spark session (the plugin and the batched operator read them there); a flag wins over the same
 * setting from {@code spark-submit --conf}, which wins over the defaults.
 */
final class EvaluationFlags {
    @Option(
            names = "--backend",
            paramLabel = "auto|cpu|gpu",
            converter = Converters.Backend.class,
            description = "Backend (default: spark.xqa.backend, else auto: the GPU when usable, else the CPU).")
    BackendKind backend;

    @Option(
            names = "--on-invalid",
            paramLabel = "fail|null",
            converter = Converters.OnInvalid.class,
            description =
                    "Invalid rows: fail the job naming the row (default), or null: out is NULL and xqa_error says why.")
    InvalidRowPolicy onInvalid;

    @Option(names = "--batch-max-rows", paramLabel = "N", description = "Most rows per backend call (default 256).")
    Integer batchMaxRows;

    @Option(
            names = "--batch-max-bytes",
            paramLabel = "B|auto",
            description =
                    "Most q+k+v bytes per backend call, e.g. 64m (default auto: each task's share of the executor "
                            + "heap, at most " + BatchCap.TEXT + "; see spark.xqa.batch.maxBytes).")
    String batchMaxBytes;

    /**
     * The {@code spark.xqa.*} settings the given flags stand for, checked together with those already
     * set for Spark (e.g. by {@code spark-submit}); a bad value is a usage error, before Spark starts.
     */
    Map<String, String> settings(CommandSpec command) {
        Map<String, String> flags = new LinkedHashMap<>();
        if (backend != null) {
            flags.put(XqaConf.BACKEND.name(), backend.configName());
        }
        if (onInvalid != null) {
            flags.put(XqaConf.ON_INVALID_ROW.name(), onInvalid.configName());
        }
        if (batchMaxRows != null) {
            flags.put(XqaConf.BATCH_MAX_ROWS.name(), batchMaxRows.toString());
        }
        if (batchMaxBytes != null) {
            flags.put(XqaConf.BATCH_MAX_BYTES.name(), batchMaxBytes);
        }
        Map<String, String> all = new LinkedHashMap<>();
        for (Tuple2<String, String> kv : new SparkConf(true).getAll()) {
            all.put(kv._1(), kv._2());
        }
        all.putAll(flags);
        try {
            XqaConf.from(all);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
        return flags;
    }
}
