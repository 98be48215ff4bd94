package org.sparkxqa.core;

/**
 * A request (one row) that breaks the data contract: wrong byte lengths, bad draft tree, unsupported
 * lengths. The message is the reason, written for the user (it ends up in {@code xqa_error} or in the
 * task failure next to the row id).
 */
public final class InvalidRequestException extends IllegalArgumentException {
    private final long row;
    private final String reason;

    public InvalidRequestException(String reason) {
        super(reason);
        this.row = -1;
        this.reason = reason;
    }

    private InvalidRequestException(long row, String reason) {
        super("row " + row + ": " + reason);
        this.row = row;
        this.reason = reason;
    }

    /** Row {@code row} (0-based, of the columns checked) breaks the contract for {@code reason}: "row R: reason". */
    public static InvalidRequestException atRow(long row, String reason) {
        return new InvalidRequestException(row, reason);
    }

    /**
     * The same failure for columns that start {@code firstRow} rows into a larger table (a chunk of a
     * file), so the row is named as the table counts it; a failure without a row is returned as it is.
     */
    public InvalidRequestException rowsFrom(long firstRow) {
        return row < 0 ? this : atRow(firstRow + row, reason);
    }

    /** The reason, without a row id. */
    public String reason() {
        return reason;
    }
}
