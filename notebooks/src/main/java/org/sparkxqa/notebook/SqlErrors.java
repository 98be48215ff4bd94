package org.sparkxqa.notebook;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.QueryContext;
import org.apache.spark.QueryContextType;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;

/**
 * Turns a failed SQL statement into a {@link CellException} that quotes the SQL line with a caret under
 * the part Spark complains about (from the error's query context or its line and position), and lists
 * the causes of a failed job, one line each. Stateless.
 */
public final class SqlErrors {
    private static final int MAX_CAUSES = 6;

    private SqlErrors() {}

    /**
     * @param sql the statement as run
     * @param e what Spark threw
     * @param firstLine the cell line where {@code sql} starts (2 under a {@code %%sql} line)
     */
    public static CellException report(String sql, Throwable e, int firstLine) {
        String message = headline(e);
        List<String> out = new ArrayList<>();
        int[] span = span(sql, e);
        CellSource cell = new CellSource(sql, List.of());
        if (span != null) {
            int[] lc = cell.lineColumn(span[0]);
            int len = Math.min(span[1] - span[0] + 1, cell.line(lc[0]).length() - lc[1] + 1);
            out.add("SQL error at cell line " + (lc[0] + firstLine - 1) + ", column " + lc[1] + ":");
            out.addAll(ErrorReports.quote(cell, lc[0], lc[1], len));
        }
        out.add(e.getClass().getSimpleName() + ": " + message);
        Throwable c = e.getCause();
        for (int i = 0; c != null && i < MAX_CAUSES; i++, c = c.getCause()) {
            out.add("Caused by: " + c.getClass().getName() + ": " + firstLine(c.getMessage()));
        }
        return new CellException(e.getClass().getSimpleName(), message, out, e);
    }

    /** {@code [start, stop]} (inclusive) offsets in {@code sql} of what the error points at, or null. */
    static int[] span(String sql, Throwable e) {
        if (e instanceof SparkThrowable st && st.getQueryContext() != null) {
            for (QueryContext q : st.getQueryContext()) {
                if (q.contextType() == QueryContextType.SQL && q.startIndex() >= 0 && q.startIndex() < sql.length()) {
                    return new int[] {
                        q.startIndex(), Math.max(q.startIndex(), Math.min(q.stopIndex(), sql.length() - 1))
                    };
                }
            }
        }
        if (e instanceof AnalysisException ae
                && ae.line().isDefined()
                && ae.startPosition().isDefined()) {
            int line = (Integer) ae.line().get();
            String[] lines = sql.split("\n", -1);
            if (line >= 1 && line <= lines.length) {
                int at = (Integer) ae.startPosition().get();
                for (int l = 0; l < line - 1; l++) {
                    at += lines[l].length() + 1;
                }
                return at < sql.length() ? new int[] {at, at} : null;
            }
        }
        return null;
    }

    private static String headline(Throwable e) {
        String m = e instanceof AnalysisException ae ? ae.getSimpleMessage() : e.getMessage();
        return firstLine(m);
    }

    private static String firstLine(String m) {
        return m == null
                ? ""
                : m.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    }
}
