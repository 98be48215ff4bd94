package org.sparkxqa.notebook;

import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;

/**
 * The {@code %%sql} cell magic: runs the cell body as one Spark SQL statement and shows the result as
 * an HTML table (plus text), at most {@code -n N} rows (default {@value #DEFAULT_LIMIT}). Errors quote
 * the SQL with the cell line and column. Usage: {@code %%sql [-n N | --limit N]}.
 */
public final class SqlMagic implements CellMagic<DisplayData, BaseKernel> {
    /** Rows shown when no {@code -n} is given. */
    public static final int DEFAULT_LIMIT = 20;

    private final Supplier<SparkSession> spark;

    /** A magic running its SQL on the session {@code spark} supplies (called once per cell). */
    public SqlMagic(Supplier<SparkSession> spark) {
        this.spark = spark;
    }

    @Override
    public DisplayData eval(BaseKernel kernel, List<String> args, String body) {
        return run(body, limit(args));
    }

    /** Runs {@code sql} (written from cell line 2 on) and renders at most {@code limit} rows. */
    public DisplayData run(String sql, int limit) {
        String statement = sql.strip().endsWith(";") ? sql.substring(0, sql.lastIndexOf(';')) : sql;
        try {
            Dataset<Row> df = spark.get().sql(statement);
            return TableView.of(df, limit);
        } catch (Exception e) {
            throw SqlErrors.report(statement, e, 2);
        }
    }

    /** The row limit from the magic's arguments. */
    static int limit(List<String> args) {
        int limit = DEFAULT_LIMIT;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = a.startsWith("--limit=")
                    ? a.substring(8)
                    : (a.equals("-n") || a.equals("--limit")) && i + 1 < args.size() ? args.get(++i) : null;
            if (value == null) {
                throw new IllegalArgumentException(
                        "%%sql: unknown argument '" + a + "'; usage: %%sql [-n N | --limit N]");
            }
            try {
                limit = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                throw new IllegalArgumentException(
                        "%%sql: the row limit must be a positive integer, got '" + value + "'");
            }
        }
        return limit;
    }
}
