package org.sparkxqa.spark.exec;

import java.util.Locale;

/** What happens to a row that breaks the data contract ({@code spark.xqa.onInvalidRow}). */
public enum InvalidRowPolicy {
  /** The task fails with the row's id and the reason (the default). */
  FAIL,
  /** {@code out} is NULL and the {@code xqa_error} column says why; the row is kept. */
  NULL;

  /** Parses {@code fail|null} (any case). */
  public static InvalidRowPolicy parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unknown invalid-row policy '" + name + "': use fail or null");
    }
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
