package org.sparkxqa.notebook;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A query result as notebook output: an HTML table (text/html) and an aligned text table
 * (text/plain), at most {@code limit} rows, saying when rows were left out. A one-column result whose
 * text spans lines (EXPLAIN) is shown preformatted. Stateless.
 */
public final class TableView {
    /** Characters of one cell in the text table. */
    public static final int TEXT_CELL = 40;

    private TableView() {}

    /** Runs {@code df} for at most {@code limit + 1} rows and renders the first {@code limit}. */
    public static DisplayData of(Dataset<Row> df, int limit) {
        List<Row> rows = df.limit(limit + 1).collectAsList();
        boolean more = rows.size() > limit;
        return render(df.schema(), more ? rows.subList(0, limit) : rows, more);
    }

    /** Renders {@code rows}; {@code more} says whether the result had further rows. */
    public static DisplayData render(StructType schema, List<Row> rows, boolean more) {
        DisplayData out = new DisplayData(text(schema, rows, more));
        out.putHTML(html(schema, rows, more));
        return out;
    }

    static String html(StructType schema, List<Row> rows, boolean more) {
        if (schema.isEmpty()) {
            return "<p>OK</p>";
        }
        boolean pre = isPlanText(schema, rows);
        StringBuilder h = new StringBuilder("<table class=\"xqa-table\"><thead><tr>");
        for (StructField f : schema.fields()) {
            h.append("<th title=\"")
                    .append(escape(f.dataType().simpleString()))
                    .append("\">")
                    .append(escape(f.name()))
                    .append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (Row r : rows) {
            h.append("<tr>");
            for (int i = 0; i < r.length(); i++) {
                String v = escape(ValueText.of(r.get(i)));
                h.append(pre ? "<td style=\"text-align:left\"><pre>" + v + "</pre></td>" : "<td>" + v + "</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
        return h.append("<p>").append(footer(rows.size(), more)).append("</p>").toString();
    }

    static String text(StructType schema, List<Row> rows, boolean more) {
        if (schema.isEmpty()) {
            return "OK";
        }
        if (isPlanText(schema, rows)) {
            return String.join(
                    "\n", rows.stream().map(r -> String.valueOf(r.get(0))).toList());
        }
        List<String[]> cells = new ArrayList<>();
        cells.add(schema.fieldNames());
        rows.forEach(r -> {
            String[] line = new String[r.length()];
            for (int i = 0; i < r.length(); i++) {
                String v = ValueText.of(r.get(i));
                line[i] = v.length() > TEXT_CELL ? v.substring(0, TEXT_CELL - 1) + "…" : v;
            }
            cells.add(line);
        });
        int[] width = new int[schema.size()];
        cells.forEach(line -> {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        });
        StringBuilder t = new StringBuilder();
        for (int n = 0; n < cells.size(); n++) {
            String[] line = cells.get(n);
            for (int i = 0; i < line.length; i++) {
                String cell = i == line.length - 1 ? line[i] : String.format("%-" + width[i] + "s", line[i]);
                t.append(i == 0 ? "" : " | ").append(cell);
            }
            t.append('\n');
            if (n == 0) {
                for (int i = 0; i < width.length; i++) {
                    t.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
                }
                t.append('\n');
            }
        }
        return t.append(footer(rows.size(), more)).toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String footer(int shown, boolean more) {
        String rows = shown + (shown == 1 ? " row" : " rows");
        return more ? "first " + rows + " shown; the result has more" : rows;
    }

    private static boolean isPlanText(StructType schema, List<Row> rows) {
        return schema.size() == 1 && rows.size() == 1 && rows.get(0).get(0) instanceof String s && s.contains("\n");
    }
}
