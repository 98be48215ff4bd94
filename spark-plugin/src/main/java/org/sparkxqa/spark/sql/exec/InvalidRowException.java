package org.sparkxqa.spark.sql.exec;

/**
 * A row broke the data contract under {@code spark.xqa.onInvalidRow=fail}: fails the task. The
 * message names the row ({@code id=...}, or its position in the partition) and the reason.
 */
public final class InvalidRowException extends RuntimeException {
  public InvalidRowException(String message) {
    super("xqa_attention: invalid row " + message + " (set spark.xqa.onInvalidRow=null to get NULL and the reason "
        + "from xqa_attention_result instead)");
  }
}
