package org.sparkxqa.spark.exec;

import java.io.Serializable;
import java.util.Optional;
import java.util.function.Function;
import org.sparkxqa.core.BackendKind;

/**
 * How rows are evaluated: which backend, batch limits, and the invalid-row policy. The keys are the
 * {@code spark.xqa.*} names of DESIGN.md §4 (a central configuration class comes later). Immutable.
 *
 * @param backend {@code spark.xqa.backend}
 * @param batchMaxRows {@code spark.xqa.batch.maxRows}: most rows per backend call
 * @param batchMaxBytes {@code spark.xqa.batch.maxBytes}: most q+k+v bytes per backend call (a larger
 *     single row still forms its own batch)
 * @param onInvalidRow {@code spark.xqa.onInvalidRow}
 */
public record EvaluationOptions(
    BackendKind backend, int batchMaxRows, long batchMaxBytes, InvalidRowPolicy onInvalidRow) implements Serializable {

  public static final String BACKEND = "spark.xqa.backend";
  public static final String BATCH_MAX_ROWS = "spark.xqa.batch.maxRows";
  public static final String BATCH_MAX_BYTES = "spark.xqa.batch.maxBytes";
  public static final String ON_INVALID_ROW = "spark.xqa.onInvalidRow";

  /** auto, 256 rows, 256 MiB, fail. */
  public static final EvaluationOptions DEFAULTS =
      new EvaluationOptions(BackendKind.AUTO, 256, 256L << 20, InvalidRowPolicy.FAIL);

  public EvaluationOptions {
    if (backend == null || onInvalidRow == null) {
      throw new IllegalArgumentException("backend and onInvalidRow must be given");
    }
    if (batchMaxRows < 1) {
      throw new IllegalArgumentException(BATCH_MAX_ROWS + " must be >= 1, got " + batchMaxRows);
    }
    if (batchMaxBytes < 1) {
      throw new IllegalArgumentException(BATCH_MAX_BYTES + " must be >= 1, got " + batchMaxBytes);
    }
  }

  /** Reads the four keys from a configuration lookup, using {@link #DEFAULTS} for absent ones. */
  public static EvaluationOptions fromConf(Function<String, Optional<String>> conf) {
    return new EvaluationOptions(
        conf.apply(BACKEND).map(BackendKind::parse).orElse(DEFAULTS.backend),
        conf.apply(BATCH_MAX_ROWS).map(s -> parse(BATCH_MAX_ROWS, s)).map(Math::toIntExact).orElse(DEFAULTS.batchMaxRows),
        conf.apply(BATCH_MAX_BYTES).map(s -> parse(BATCH_MAX_BYTES, s)).orElse(DEFAULTS.batchMaxBytes),
        conf.apply(ON_INVALID_ROW).map(InvalidRowPolicy::parse).orElse(DEFAULTS.onInvalidRow));
  }

  public EvaluationOptions withBackend(BackendKind kind) {
    return new EvaluationOptions(kind, batchMaxRows, batchMaxBytes, onInvalidRow);
  }

  public EvaluationOptions withBatch(int maxRows, long maxBytes) {
    return new EvaluationOptions(backend, maxRows, maxBytes, onInvalidRow);
  }

  public EvaluationOptions withOnInvalidRow(InvalidRowPolicy policy) {
    return new EvaluationOptions(backend, batchMaxRows, batchMaxBytes, policy);
  }

  private static long parse(String key, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
    }
  }
}
