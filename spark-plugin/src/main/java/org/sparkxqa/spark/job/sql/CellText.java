package org.sparkxqa.spark.job.sql;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Row;
import scala.collection.Iterable;
import scala.collection.Map;

/**
 * One value of a query result as text for {@code xqa sql}'s table: NULL, binary values as hex, arrays and
 * maps as their items, structs as {@code {name: value, ...}}. With a limit ({@code truncate > 0}, the
 * default {@value #TEXT}) values are abbreviated: binary to its first bytes and its length
 * ({@code 0x3c003c00… (512 bytes)}), arrays and maps to their first items, text to {@code truncate}
 * characters. With {@code truncate = 0} every value is whole, like Spark's {@code show(truncate = false)}.
 * Stateless and thread-safe.
 */
public final class CellText {
    static final int BINARY_BYTES = 8;
    static final int ITEMS = 6;
    /** The default {@code --truncate}: characters of text shown per cell. */
    public static final int TEXT = 60;

    private CellText() {}

    /** {@code value} abbreviated with the default limit. */
    static String of(Object value) {
        return of(value, TEXT);
    }

    /** {@code value} cut to {@code truncate} characters of text (0: whole, nothing abbreviated). */
    static String of(Object value, int truncate) {
        if (value == null) {
            return "NULL";
        }
        boolean whole = truncate == 0;
        if (value instanceof byte[] b) {
            int shown = whole ? b.length : Math.min(b.length, BINARY_BYTES);
            String hex = HexFormat.of().formatHex(b, 0, shown);
            return "0x" + hex + (b.length > shown ? "…" : "") + " (" + b.length + " bytes)";
        }
        if (value instanceof Row row) {
            List<String> fields = new ArrayList<>();
            String[] names = row.schema() == null ? null : row.schema().fieldNames();
            for (int i = 0; i < row.length(); i++) {
                fields.add((names == null ? "" : names[i] + ": ") + of(row.get(i), truncate));
            }
            return "{" + String.join(", ", fields) + "}";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> items = new ArrayList<>();
            map.foreachEntry((k, v) -> items.add(of(k, truncate) + " -> " + of(v, truncate)));
            return "{" + items(items, map.size(), whole) + "}";
        }
        if (value instanceof Iterable<?> seq) {
            List<String> items = new ArrayList<>();
            seq.foreach(v -> items.add(of(v, truncate)));
            return "[" + items(items, items.size(), whole) + "]";
        }
        String text = value.toString();
        return !whole && text.length() > truncate ? text.substring(0, truncate) + "…" : text;
    }

    private static String items(List<String> items, int size, boolean whole) {
        int shown = whole ? items.size() : Math.min(ITEMS, items.size());
        String text = String.join(", ", items.subList(0, shown));
        return size > shown ? text + ", … (" + size + " items)" : text;
    }
}
