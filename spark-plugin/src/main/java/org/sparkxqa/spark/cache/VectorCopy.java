package org.sparkxqa.spark.cache;

import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.BinaryView;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Copies rows {@code [from, to)} of a column vector into a {@link ColumnBuilder} with as few copies
 * as the vector allows: fixed-width values through the vector's bulk getter ({@code getInts} and the
 * like: one array copy for Spark's on- and off-heap vectors, dictionaries decoded), STRING and BINARY
 * values as runs: neighbouring values that lie back to back in the vector's memory (as the Parquet
 * reader writes them, on or off heap, and as this cache stores them) are copied as one piece, found
 * through the vectors' zero-copy views ({@code getUTF8String}, {@code getBinaryView}); arrays row by
 * row, fixed-width elements in one piece each. Any {@link ColumnVector} works; others copy more.
 * Stateless.
 */
final class VectorCopy {
    private VectorCopy() {}

    static void append(ColumnBuilder b, ColumnVector v, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        ValueKind kind = b.kind();
        if (kind.fixed()) {
            appendFixed(b, v, from, n);
        } else if (kind.bytes()) {
            appendBytes(b, v, from, to);
        } else {
            for (int r = from; r < to; r++) {
                if (v.isNullAt(r)) {
                    b.addNullRow();
                } else {
                    b.appendArray(v.getArray(r));
                }
            }
        }
    }

    private static void appendFixed(ColumnBuilder b, ColumnVector v, int from, int n) {
        int first = b.rows();
        int at = b.addFixedRows(n);
        switch (b.kind()) {
            case BOOLEAN -> b.put(at, v.getBooleans(from, n), Platform.BOOLEAN_ARRAY_OFFSET, n);
            case BYTE -> b.put(at, v.getBytes(from, n), Platform.BYTE_ARRAY_OFFSET, n);
            case SHORT -> b.put(at, v.getShorts(from, n), Platform.SHORT_ARRAY_OFFSET, 2 * n);
            case INT -> b.put(at, v.getInts(from, n), Platform.INT_ARRAY_OFFSET, 4 * n);
            case LONG -> b.put(at, v.getLongs(from, n), Platform.LONG_ARRAY_OFFSET, 8 * n);
            case FLOAT -> b.put(at, v.getFloats(from, n), Platform.FLOAT_ARRAY_OFFSET, 4 * n);
            default -> b.put(at, v.getDoubles(from, n), Platform.DOUBLE_ARRAY_OFFSET, 8 * n);
        }
        if (v.hasNull()) {
            for (int i = 0; i < n; i++) {
                if (v.isNullAt(from + i)) {
                    b.setNull(first + i);
                }
            }
        }
    }

    /** Values' bytes, one copy per run of values that are neighbours in the source's memory. */
    private static void appendBytes(ColumnBuilder b, ColumnVector v, int from, int to) {
        boolean string = b.kind() == ValueKind.STRING;
        Object runBase = null;
        long runOffset = 0;
        int runAt = 0;
        int runLength = 0;
        for (int r = from; r < to; r++) {
            if (v.isNullAt(r)) {
                b.addNullRow();
                continue;
            }
            Object base;
            long offset;
            int length;
            if (string) {
                UTF8String s = v.getUTF8String(r);
                base = s.getBaseObject();
                offset = s.getBaseOffset();
                length = s.numBytes();
            } else {
                BinaryView s = v.getBinaryView(r);
                base = s.getBaseObject();
                offset = s.getBaseOffset();
                length = s.numBytes();
            }
            int at = b.addBytesRow(length);
            if (runLength > 0 && base == runBase && offset == runOffset + runLength && at == runAt + runLength) {
                runLength += length;
                continue;
            }
            if (runLength > 0) {
                b.put(runAt, runBase, runOffset, runLength);
            }
            runBase = base;
            runOffset = offset;
            runAt = at;
            runLength = length;
        }
        if (runLength > 0) {
            b.put(runAt, runBase, runOffset, runLength);
        }
    }
}
