package org.sparkxqa.spark.exec;

/**
 * A row broke the data contract under {@link InvalidRowPolicy#FAIL}. The message names the row and
 * the reason in one line, e.g. {@code row id=17: k has 1000 bytes, not a whole number of 2048-byte tokens}.
 */
public final class InvalidRowException extends RuntimeException {
  private final String rowId;
  private final String reason;

  public InvalidRowException(String rowId, String reason) {
    super("row " + rowId + ": " + reason);
    this.rowId = rowId;
    this.reason = reason;
  }

  /** How the row is named, e.g. {@code id=17}. */
  public String rowId() {
    return rowId;
  }

  /** Why the row is invalid. */
  public String reason() {
    return reason;
  }
}
