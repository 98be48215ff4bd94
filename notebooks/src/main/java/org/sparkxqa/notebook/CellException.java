package org.sparkxqa.notebook;

import java.util.List;

/**
 * A cell failed: it did not compile, it threw, or its SQL was rejected. {@link #report()} is what the
 * notebook shows: plain text lines that name the cell line and column and quote the code.
 */
public final class CellException extends RuntimeException {
    private final String errorName;
    private final List<String> report;

    /**
     * @param errorName short name shown as the error's type, e.g. {@code CompilationError} or the
     *     exception's class name
     * @param message one-line summary
     * @param report the full text shown to the user
     * @param cause the underlying exception, if any
     */
    public CellException(String errorName, String message, List<String> report, Throwable cause) {
        super(message, cause);
        this.errorName = errorName;
        this.report = List.copyOf(report);
    }

    /** Short name of the error, shown as {@code ename} in Jupyter. */
    public String errorName() {
        return errorName;
    }

    /** The lines shown to the user (Jupyter's traceback). */
    public List<String> report() {
        return report;
    }

    /** The report as one string. */
    public String reportText() {
        return String.join("\n", report);
    }
}
