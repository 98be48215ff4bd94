package org.sparkxqa.spark.job.sql;

import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.sparkxqa.spark.job.report.TextTable;

/**
 * Prints one statement's result for {@code xqa sql}: {@code OK} for a statement without columns, the
 * plan text of {@code EXPLAIN} whole and as it is, anything else as a {@link TextTable} of at most
 * {@code maxRows} rows whose cells are {@link CellText} cut to {@code truncate} characters (0: whole).
 * Not thread-safe (it writes to one writer); the caller owns the writer and keeps it open.
 */
public final class ResultPrinter {
    private final PrintWriter out;
    private final int maxRows;
    private final int truncate;

    /**
     * @param maxRows most rows printed per result (at least 1)
     * @param truncate characters of text per cell, 0 for whole values
     */
    public ResultPrinter(PrintWriter out, int maxRows, int truncate) {
        this.out = out;
        this.maxRows = maxRows;
        this.truncate = truncate;
    }

    /** Collects {@code result} (at most {@code maxRows + 1} rows of a table) and prints it; a query error propagates. */
    public void print(Dataset<Row> result) {
        String[] columns = result.columns();
        if (columns.length == 0) {
            out.println("OK");
        } else if (result.queryExecution().logical() instanceof ExplainCommand) {
            for (Row row : result.collectAsList()) {
                out.println(row.getString(0).stripTrailing());
            }
        } else {
            table(result, columns);
        }
        out.flush();
    }

    private void table(Dataset<Row> result, String[] columns) {
        List<Row> rows = result.limit(maxRows + 1).collectAsList();
        TextTable table = new TextTable(columns);
        for (Row row : rows.subList(0, Math.min(maxRows, rows.size()))) {
            Object[] cells = new Object[columns.length];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = CellText.of(row.get(i), truncate);
            }
            table.row(cells);
        }
        table.print(out);
        out.println(rows.size() > maxRows ? "(first " + maxRows + " rows shown)" : "(" + rows.size() + " rows)");
    }
}
