package org.sparkxqa.spark.job;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.spark.exec.EvaluationOptions;
import org.sparkxqa.spark.exec.InvalidRowPolicy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Flags for how rows are evaluated. A flag wins over the matching {@code spark.xqa.*} setting
 * (e.g. from {@code spark-submit --conf}), which wins over the defaults.
 */
final class EvaluationFlags {
  @Option(names = "--backend", paramLabel = "auto|cpu|gpu", converter = Converters.Backend.class,
      description = "Backend (default: spark.xqa.backend, else auto: the GPU when usable, else the CPU).")
  BackendKind backend;

  @Option(names = "--on-invalid", paramLabel = "fail|null", converter = Converters.OnInvalid.class,
      description = "Invalid rows: fail the job naming the row (default), or null: out is NULL and xqa_error says why.")
  InvalidRowPolicy onInvalid;

  @Option(names = "--batch-max-rows", paramLabel = "N", description = "Most rows per backend call (default 256).")
  Integer batchMaxRows;

  @Option(names = "--batch-max-bytes", paramLabel = "B",
      description = "Most q+k+v bytes per backend call (default 268435456 = 256 MiB).")
  Long batchMaxBytes;

  /** The options in force; a bad value (flag or setting) is a usage error. */
  EvaluationOptions resolve(CommandSpec command) {
    SparkConf conf = new SparkConf(true);
    try {
      EvaluationOptions options = EvaluationOptions.fromConf(
          key -> conf.contains(key) ? Optional.of(conf.get(key)) : Optional.empty());
      if (backend != null) {
        options = options.withBackend(backend);
      }
      if (onInvalid != null) {
        options = options.withOnInvalidRow(onInvalid);
      }
      return options.withBatch(batchMaxRows != null ? batchMaxRows : options.batchMaxRows(),
          batchMaxBytes != null ? batchMaxBytes : options.batchMaxBytes());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }
}
