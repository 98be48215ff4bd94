package org.sparkxqa.notebook;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * The text of one notebook cell, split into the snippets JShell evaluates one at a time, each with its
 * offset in the cell, so that errors can name the cell's line and column. Immutable.
 *
 * @param text the whole cell
 * @param pieces its snippets in order
 */
public record CellSource(String text, List<Piece> pieces) {

    /**
     * One snippet of a cell.
     *
     * @param source the snippet as JShell evaluates it: no leading blanks (they would shift JShell's
     *     line numbers), comments before it included; it may end with an added {@code ;}
     * @param offset where {@code source} starts in the cell
     */
    public record Piece(String source, int offset) {}

    /**
     * Splits {@code text} with JShell's own analysis. A trailing incomplete snippet is kept as it is,
     * so evaluating it reports the compiler's error rather than being dropped.
     */
    public static CellSource split(SourceCodeAnalysis analysis, String text) {
        List<Piece> pieces = new ArrayList<>();
        int consumed = 0;
        while (consumed < text.length()) {
            String rest = text.substring(consumed);
            if (rest.isBlank()) {
                break;
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                break;
            }
            int blank = rest.length() - rest.stripLeading().length();
            if (!c.isComplete()) {
                pieces.add(new Piece(rest.substring(blank), consumed + blank));
                break;
            }
            String remaining = info.remaining();
            int end = text.length() - remaining.length();
            String source = info.source();
            pieces.add(new Piece(
                    source.substring(Math.min(
                            blank, source.length() - source.stripLeading().length())),
                    consumed + blank));
            if (end <= consumed) {
                break;
            }
            consumed = end;
        }
        return new CellSource(text, List.copyOf(pieces));
    }

    /** 1-based line and column of {@code offset} in the cell. */
    public int[] lineColumn(int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    /** Line {@code n} (1-based) of the cell, without its line break; empty when out of range. */
    public String line(int n) {
        String[] lines = text.split("\n", -1);
        return n >= 1 && n <= lines.length ? lines[n - 1] : "";
    }

    /** The cell line where {@code piece} starts, 1-based. */
    public int startLine(Piece piece) {
        return lineColumn(piece.offset())[0];
    }
}
