package org.sparkxqa.spark.eval;

/**
 * A row broke the data contract under {@code spark.xqa.onInvalidRow=fail}: fails the task. The
 * message names the row and the reason in one line, e.g. {@code xqa_attention: invalid row id=17: k
 * has 1000 bytes, ...}; {@link #rowId} and {@link #reason} give the parts (the job prints
 * {@code row id=17: <reason>}).
 */
public final class InvalidRowException extends RuntimeException {
    private final String rowId;
    private final String reason;

    /**
     * @param rowId how the row is named: {@code id=17}, or {@code at position 3 of partition 0}
     * @param reason what the row breaks
     */
    public InvalidRowException(String rowId, String reason) {
        super("xqa_attention: invalid row " + rowId + ": " + reason + " (set spark.xqa.onInvalidRow=null to get NULL "
                + "and the reason from xqa_attention_result instead)");
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
