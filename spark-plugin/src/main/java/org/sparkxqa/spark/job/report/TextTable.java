package org.sparkxqa.spark.job.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A small fixed-width text table for the job's summaries: the commands', the bench report's and
 * {@code xqa sql}'s results. Not thread-safe; one table per printout.
 */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    /** A table with these column headers. */
    public TextTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    /** Adds a row of one cell per column ({@code null}: empty); returns this table. */
    public TextTable row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        String[] text = new String[columns];
        for (int i = 0; i < columns; i++) {
            text[i] = cells[i] == null ? "" : cells[i].toString();
        }
        rows.add(text);
        return this;
    }

    /** Prints the header, a rule and the rows, each column as wide as its widest cell, and flushes. */
    public void print(PrintWriter out) {
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(String.format("%-" + width[i] + "s", rows.get(r)[i]))
                        .append(i + 1 < columns ? "  " : "");
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                out.println("-".repeat(line.toString().stripTrailing().length()));
            }
        }
        out.flush();
    }

    /** {@code nanos} as seconds with two decimals, e.g. {@code 7.72 s}. */
    public static String seconds(long nanos) {
        return String.format("%.2f s", nanos / 1e9);
    }
}
