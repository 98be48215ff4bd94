package org.sparkxqa.core;

/**
 * A request (one row) that breaks the data contract: wrong byte lengths, bad draft tree, unsupported
 * lengths. The message is the reason, written for the user (it ends up in {@code xqa_error} or in the
 * task failure next to the row id).
 */
public final class InvalidRequestException extends IllegalArgumentException {
    public InvalidRequestException(String reason) {
        super(reason);
    }

    /** The reason, without a row id. */
    public String reason() {
        return getMessage();
    }
}
