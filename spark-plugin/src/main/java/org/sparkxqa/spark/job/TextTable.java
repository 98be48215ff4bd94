package org.sparkxqa.spark.job;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A small fixed-width text table for the job's summaries. Not thread-safe. */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  TextTable(String... header) {
    this.columns = header.length;
    rows.add(header);
  }

  TextTable row(Object... cells) {
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

  void print(PrintWriter out) {
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(String.format("%-" + width[i] + "s", rows.get(r)[i])).append(i + 1 < columns ? "  " : "");
      }
      out.println(line.toString().stripTrailing());
      if (r == 0) {
        out.println("-".repeat(line.toString().stripTrailing().length()));
      }
    }
    out.flush();
  }

  static String seconds(long nanos) {
    return String.format("%.2f s", nanos / 1e9);
  }
}
