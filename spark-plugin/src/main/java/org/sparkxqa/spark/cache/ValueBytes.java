package org.sparkxqa.spark.cache;

import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataType;

/**
 * The bytes one value takes in a {@link CachedColumn}, without the null bit: the width of a fixed-width
 * value; the bytes of a STRING or BINARY value plus its offset (4); an array's elements plus its
 * offset. A NULL takes the width of a fixed-width value, else the offset alone. Read through zero-copy
 * views where the source has them (Spark's vectors and rows, this cache's vectors). Used to close a
 * cached batch at its byte budget. Stateless.
 */
final class ValueBytes {
    private ValueBytes() {}

    /**
     * The bytes of {@code src}'s value at {@code ordinal}, of type {@code type} (one that {@link ValueKind}
     * stores), whose kind the caller resolved once per column: {@code kind == ValueKind.of(type)}.
     */
    static long of(SpecializedGetters src, int ordinal, ValueKind kind, DataType type) {
        if (kind.fixed()) {
            return kind.width;
        }
        if (src.isNullAt(ordinal)) {
            return 4;
        }
        return 4
                + switch (kind) {
                    case STRING -> src.getUTF8String(ordinal).numBytes();
                    case BINARY -> BinaryValues.of(src, ordinal).numBytes();
                    default -> elements(src.getArray(ordinal), ValueKind.element(type));
                };
    }

    private static long elements(ArrayData a, DataType element) {
        ValueKind kind = ValueKind.of(element);
        if (kind.fixed()) {
            return (long) a.numElements() * kind.width;
        }
        long bytes = 0;
        for (int i = 0; i < a.numElements(); i++) {
            bytes += of(a, i, kind, element);
        }
        return bytes;
    }
}
