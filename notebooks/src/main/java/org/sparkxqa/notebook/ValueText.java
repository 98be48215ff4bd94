package org.sparkxqa.notebook;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Short text for one value of a Spark row: {@code NULL}, binaries as their length and first bytes in
 * hex, arrays with their first elements, structs and maps in braces. Stateless.
 */
public final class ValueText {
    /** Elements of an array shown before {@code ...}. */
    public static final int MAX_ELEMENTS = 8;
    /** Bytes of a binary shown in hex. */
    public static final int MAX_BYTES = 8;

    private ValueText() {}

    /** The text of {@code value} as it came from {@link Row#get(int)}. */
    public static String of(Object value) {
        return switch (value) {
            case null -> "NULL";
            case byte[] b ->
                "binary[" + b.length + "] " + HexFormat.of().formatHex(b, 0, Math.min(b.length, MAX_BYTES))
                        + (b.length > MAX_BYTES ? "…" : "");
            case scala.collection.Seq<?> seq -> list(CollectionConverters.asJava(seq));
            case List<?> list -> list(list);
            case scala.collection.Map<?, ?> map -> map(CollectionConverters.asJava(map));
            case Row row -> struct(row);
            default -> String.valueOf(value);
        };
    }

    private static String list(List<?> values) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(values.size(), MAX_ELEMENTS); i++) {
            shown.add(of(values.get(i)));
        }
        String more = values.size() > MAX_ELEMENTS ? ", … (" + values.size() + " in all)" : "";
        return "[" + String.join(", ", shown) + more + "]";
    }

    private static String map(Map<?, ?> map) {
        List<String> shown = new ArrayList<>();
        map.forEach((k, v) -> shown.add(of(k) + " -> " + of(v)));
        return "{" + String.join(", ", shown) + "}";
    }

    private static String struct(Row row) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
            shown.add(of(row.get(i)));
        }
        return "{" + String.join(", ", shown) + "}";
    }
}
