package org.sparkxqa.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;

/**
 * Builds the text of {@link CellException}s: compile errors quote the cell line with a caret under the
 * offending code; exceptions thrown by snippets list their stack with snippet frames translated to
 * cell lines. Stateless.
 */
public final class ErrorReports {
    private static final int MAX_FRAMES = 12;

    private ErrorReports() {}

    /**
     * One compiler complaint about a snippet.
     *
     * @param message the compiler's message
     * @param start first offending character, relative to the snippet
     * @param end one past the last offending character
     */
    public record Problem(String message, long start, long end) {}

    /** A compile error of {@code piece}: one block per diagnostic, positions in cell lines and columns. */
    public static CellException compile(CellSource cell, CellSource.Piece piece, List<Problem> problems) {
        List<String> out = new ArrayList<>();
        String first = null;
        for (Problem d : problems) {
            String message = d.message();
            long start = Math.max(0, d.start());
            long end = Math.max(d.end(), start + 1);
            int[] lc = cell.lineColumn(piece.offset() + (int) Math.max(0, start));
            String where = "line " + lc[0] + ", column " + lc[1];
            first = first == null ? where + ": " + message.lines().findFirst().orElse("") : first;
            out.add("Compilation error at " + where + ":");
            out.addAll(quote(cell, lc[0], lc[1], (int)
                    Math.min(end - start, cell.line(lc[0]).length() - lc[1] + 1)));
            message.lines().filter(l -> !l.strip().startsWith("location:")).forEach(l -> out.add(l));
            out.add("");
        }
        if (first == null) {
            first = "the snippet at line " + cell.startLine(piece) + " was rejected";
            out.add("Compilation error: " + first);
        }
        return new CellException("CompilationError", first, out, null);
    }

    /**
     * An exception thrown while a snippet of cell number {@code cellNo} ran. {@code origins} maps JShell
     * snippet ids to where they were written, to translate frames of snippet code to cell lines.
     */
    public static CellException runtime(int cellNo, JShellException e, Map<String, SnippetOrigin> origins) {
        String type = e instanceof EvalException ee
                ? ee.getExceptionClassName()
                : e.getClass().getName();
        List<String> out = new ArrayList<>();
        Throwable t = e;
        boolean top = true;
        while (t != null) {
            String name = t instanceof EvalException ee
                    ? ee.getExceptionClassName()
                    : t.getClass().getName();
            out.add((top ? "" : "Caused by: ") + name + (t.getMessage() == null ? "" : ": " + t.getMessage()));
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0; i < Math.min(stack.length, MAX_FRAMES); i++) {
                out.add("    at " + frame(cellNo, stack[i], origins));
            }
            if (stack.length > MAX_FRAMES) {
                out.add("    ... " + (stack.length - MAX_FRAMES) + " more");
            }
            t = t.getCause();
            top = false;
        }
        return new CellException(type, e.getMessage() == null ? type : e.getMessage(), out, e);
    }

    /** {@code "  <line text>"} and a caret line under columns {@code col .. col+len-1}. */
    static List<String> quote(CellSource cell, int line, int col, int len) {
        String text = cell.line(line);
        return List.of("    " + text, "    " + " ".repeat(Math.max(0, col - 1)) + "^".repeat(Math.max(1, len)));
    }

    private static String frame(int cellNo, StackTraceElement f, Map<String, SnippetOrigin> origins) {
        String file = f.getFileName();
        SnippetOrigin o = file != null && file.startsWith("#") ? origins.get(file.substring(1)) : null;
        if (o == null || f.getLineNumber() <= 0) {
            return f.toString();
        }
        int line = o.startLine() + f.getLineNumber() - 1;
        String where = o.cellNo() == cellNo ? "cell line " : "line " + line + " of cell run #" + o.cellNo() + ": ";
        return o.cellNo() == cellNo
                ? where + line + ": " + o.cell().line(line).strip()
                : where + o.cell().line(line).strip();
    }
}
