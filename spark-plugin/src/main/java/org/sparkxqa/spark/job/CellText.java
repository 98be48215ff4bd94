package org.sparkxqa.spark.job;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Row;
import scala.collection.Iterable;
import scala.collection.Map;

/**
 * One value of a query result as short text for {@code xqa sql}'s table: NULL, binary values
 * abbreviated to their first bytes and their length ({@code 0x3c003c00… (512 bytes)}), arrays and
 * maps to their first items, structs as {@code {name: value, ...}}, long text cut. Stateless.
 */
final class CellText {
  static final int BINARY_BYTES = 8;
  static final int ITEMS = 6;
  static final int TEXT = 60;

  private CellText() {}

  static String of(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof byte[] b) {
      String hex = HexFormat.of().formatHex(b, 0, Math.min(b.length, BINARY_BYTES));
      return "0x" + hex + (b.length > BINARY_BYTES ? "…" : "") + " (" + b.length + " bytes)";
    }
    if (value instanceof Row row) {
      List<String> fields = new ArrayList<>();
      String[] names = row.schema() == null ? null : row.schema().fieldNames();
      for (int i = 0; i < row.length(); i++) {
        fields.add((names == null ? "" : names[i] + ": ") + of(row.get(i)));
      }
      return "{" + String.join(", ", fields) + "}";
    }
    if (value instanceof Map<?, ?> map) {
      List<String> items = new ArrayList<>();
      map.foreachEntry((k, v) -> items.add(of(k) + " -> " + of(v)));
      return "{" + items(items, map.size()) + "}";
    }
    if (value instanceof Iterable<?> seq) {
      List<String> items = new ArrayList<>();
      seq.foreach(v -> items.add(of(v)));
      return "[" + items(items, items.size()) + "]";
    }
    String text = value.toString();
    return text.length() > TEXT ? text.substring(0, TEXT) + "…" : text;
  }

  private static String items(List<String> items, int size) {
    String shown = String.join(", ", items.subList(0, Math.min(ITEMS, items.size())));
    return size > ITEMS ? shown + ", … (" + size + " items)" : shown;
  }
}
