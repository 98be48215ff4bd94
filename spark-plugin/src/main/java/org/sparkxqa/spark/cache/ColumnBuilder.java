package org.sparkxqa.spark.cache;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.BinaryView;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Fills the buffers of one {@link CachedColumn}, row by row or many rows at once: a value from a
 * row or an array ({@link #append}), fixed-width rows whose bytes are then copied in one piece
 * ({@link #addFixedRows}, {@link #put}), variable-width rows whose bytes the caller copies
 * ({@link #addBytesRow}), NULLs. Buffers grow by half again when full and {@link #build} trims them
 * when more than a sixteenth is unused. A column holds at most 2 GiB of values. Owned by one task;
 * not thread-safe.
 */
final class ColumnBuilder {
    private static final int MAX_BYTES = Integer.MAX_VALUE - 16;

    private final ValueKind kind;
    private final ColumnBuilder child;
    private int rows;
    private int nullCount;
    private byte[] nulls = new byte[8];
    private byte[] values;
    private int valueBytes;
    private int[] offsets;

    ColumnBuilder(DataType type) {
        kind = ValueKind.of(type);
        if (kind == null) {
            throw new IllegalArgumentException("not stored by the Spark XQA cache: " + type.simpleString());
        }
        child = kind == ValueKind.ARRAY ? new ColumnBuilder(ValueKind.element(type)) : null;
        values = new byte[kind == ValueKind.ARRAY ? 0 : 64];
        offsets = kind.fixed() ? null : new int[16];
    }

    ValueKind kind() {
        return kind;
    }

    ColumnBuilder child() {
        return child;
    }

    int rows() {
        return rows;
    }

    /** Bytes held so far (used, not allocated): values, offsets, null mask and the child's. */
    long bytes() {
        return (rows + 7L) / 8
                + valueBytes
                + (offsets == null ? 0 : 4L * (rows + 1))
                + (child == null ? 0 : child.bytes());
    }

    /** Appends the value of {@code src} at {@code ordinal}, NULL included. */
    void append(SpecializedGetters src, int ordinal) {
        if (src.isNullAt(ordinal)) {
            addNullRow();
            return;
        }
        if (kind.fixed()) {
            long at = Platform.BYTE_ARRAY_OFFSET + addFixedRows(1); // first: it may replace the values array
            switch (kind) {
                case BOOLEAN -> Platform.putByte(values, at, (byte) (src.getBoolean(ordinal) ? 1 : 0));
                case BYTE -> Platform.putByte(values, at, src.getByte(ordinal));
                case SHORT -> Platform.putShort(values, at, src.getShort(ordinal));
                case INT -> Platform.putInt(values, at, src.getInt(ordinal));
                case LONG -> Platform.putLong(values, at, src.getLong(ordinal));
                case FLOAT -> Platform.putFloat(values, at, src.getFloat(ordinal));
                default -> Platform.putDouble(values, at, src.getDouble(ordinal));
            }
            return;
        }
        switch (kind) {
            case STRING -> {
                UTF8String s = src.getUTF8String(ordinal);
                put(addBytesRow(s.numBytes()), s.getBaseObject(), s.getBaseOffset(), s.numBytes());
            }
            case BINARY -> {
                BinaryView b = BinaryValues.of(src, ordinal);
                put(addBytesRow(b.numBytes()), b.getBaseObject(), b.getBaseOffset(), b.numBytes());
            }
            default -> appendArray(src.getArray(ordinal));
        }
    }

    /** Appends a non-NULL array row; fixed-width elements are copied in one piece. */
    void appendArray(ArrayData a) {
        int n = a.numElements();
        if (child.kind.fixed()) {
            int first = child.rows;
            int at = child.addFixedRows(n);
            switch (child.kind) {
                case BOOLEAN -> child.put(at, a.toBooleanArray(), Platform.BOOLEAN_ARRAY_OFFSET, n);
                case BYTE -> child.put(at, a.toByteArray(), Platform.BYTE_ARRAY_OFFSET, n);
                case SHORT -> child.put(at, a.toShortArray(), Platform.SHORT_ARRAY_OFFSET, 2 * n);
                case INT -> child.put(at, a.toIntArray(), Platform.INT_ARRAY_OFFSET, 4 * n);
                case LONG -> child.put(at, a.toLongArray(), Platform.LONG_ARRAY_OFFSET, 8 * n);
                case FLOAT -> child.put(at, a.toFloatArray(), Platform.FLOAT_ARRAY_OFFSET, 4 * n);
                default -> child.put(at, a.toDoubleArray(), Platform.DOUBLE_ARRAY_OFFSET, 8 * n);
            }
            for (int i = 0; i < n; i++) {
                if (a.isNullAt(i)) {
                    child.setNull(first + i);
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                child.append(a, i);
            }
        }
        addArrayRow(n);
    }

    /** Appends a NULL row (no bytes of a variable-width value, no elements of an array). */
    void addNullRow() {
        int row = rows;
        if (kind.fixed()) {
            addFixedRows(1);
        } else {
            addOffsetRow(0);
        }
        setNull(row);
    }

    /** Appends {@code count} non-NULL fixed-width rows; returns where their bytes go in the values. */
    int addFixedRows(int count) {
        ensureRows(count);
        rows += count;
        return reserve((long) count * kind.width);
    }

    /** Appends a non-NULL STRING/BINARY row of {@code length} bytes; returns where they go ({@link #put}). */
    int addBytesRow(int length) {
        int at = reserve(length);
        addOffsetRow(length);
        return at;
    }

    /** Appends a non-NULL array row of {@code elements} elements, already appended to {@link #child}. */
    void addArrayRow(int elements) {
        addOffsetRow(elements);
    }

    /** Copies {@code length} bytes from {@code base}/{@code offset} (Spark's addressing) to {@code at} in the values. */
    void put(int at, Object base, long offset, int length) {
        Platform.copyMemory(base, offset, values, Platform.BYTE_ARRAY_OFFSET + at, length);
    }

    /** Marks row {@code row}, already appended, NULL. */
    void setNull(int row) {
        nulls[row >>> 3] |= (byte) (1 << (row & 7));
        nullCount++;
    }

    /** The column, its buffers trimmed unless nearly full; this builder must not be used afterwards. */
    CachedColumn build() {
        byte[] mask = nullCount == 0 ? null : trim(nulls, (rows + 7) / 8);
        int[] ends = offsets == null || offsets.length - (rows + 1) <= offsets.length / 16
                ? offsets
                : Arrays.copyOf(offsets, rows + 1);
        return new CachedColumn(
                rows, nullCount, mask, trim(values, valueBytes), ends, child == null ? null : child.build());
    }

    private void addOffsetRow(int length) {
        ensureRows(1);
        offsets[rows + 1] = offsets[rows] + length;
        rows++;
    }

    private void ensureRows(int count) {
        long needed = (long) rows + count + 1;
        if ((needed + 7) / 8 > nulls.length) {
            nulls = Arrays.copyOf(nulls, (int) Math.min(MAX_BYTES, Math.max((needed + 7) / 8, nulls.length * 3L / 2)));
        }
        if (offsets != null && needed > offsets.length) {
            offsets = Arrays.copyOf(offsets, (int) Math.min(MAX_BYTES / 4, Math.max(needed, offsets.length * 3L / 2)));
        }
    }

    private int reserve(long bytes) {
        long needed = valueBytes + bytes;
        if (needed > MAX_BYTES) {
            throw new IllegalStateException("a column of one cached batch would exceed 2 GiB (" + needed + " bytes)");
        }
        if (needed > values.length) {
            values = Arrays.copyOf(values, (int) Math.min(MAX_BYTES, Math.max(needed, values.length * 3L / 2)));
        }
        int at = valueBytes;
        valueBytes = (int) needed;
        return at;
    }

    private static byte[] trim(byte[] a, int used) {
        return a.length - used <= a.length / 16 ? a : Arrays.copyOf(a, used);
    }
}
