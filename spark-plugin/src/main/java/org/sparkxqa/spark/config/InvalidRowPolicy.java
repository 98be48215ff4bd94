package org.sparkxqa.spark.config;

import java.util.Locale;

/** What happens to a row that breaks the data contract: fail the task, or NULL out plus {@code xqa_error}. */
public enum InvalidRowPolicy {
  FAIL, NULL;

  public static InvalidRowPolicy parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("use fail or null");
    }
  }
}
