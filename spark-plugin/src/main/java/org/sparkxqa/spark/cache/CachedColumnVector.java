package org.sparkxqa.spark.cache;

import java.util.Arrays;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.BinaryView;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A read-only Spark column vector over one {@link CachedColumn}: a zero-copy view. Values are read
 * from the cached buffers in place; {@code getUTF8String}, {@code getBinaryView} and {@code getArray}
 * return views of them (so the columnar {@code xqa_attention} reads q, k and v where the cache holds
 * them), {@code getBinary} and the bulk getters ({@code getInts}, ...) copy. The buffers belong to
 * the cached batch: {@link #close} frees nothing, and a view stays valid as long as the batch is
 * referenced (the block manager keeps it while the block is in memory). Safe to read from several
 * threads, since nothing in it changes. Types other than those {@link ValueKind} stores are refused.
 */
public final class CachedColumnVector extends ColumnVector {
    private static final long BASE = Platform.BYTE_ARRAY_OFFSET;

    private final CachedColumn column;
    private final byte[] values;
    private final int[] offsets;
    private final CachedColumnVector child;

    CachedColumnVector(DataType type, CachedColumn column) {
        super(type);
        ValueKind kind = ValueKind.of(type);
        if (kind == null) {
            throw new IllegalArgumentException("not stored by the Spark XQA cache: " + type.simpleString());
        }
        this.column = column;
        this.values = column.values();
        this.offsets = column.offsets();
        this.child = kind == ValueKind.ARRAY ? new CachedColumnVector(ValueKind.element(type), column.child()) : null;
    }

    /** Nothing to free: the buffers are the cached batch's. */
    @Override
    public void close() {}

    @Override
    public boolean hasNull() {
        return column.nullCount() > 0;
    }

    @Override
    public int numNulls() {
        return column.nullCount();
    }

    @Override
    public boolean isNullAt(int row) {
        return column.isNull(row);
    }

    @Override
    public boolean getBoolean(int row) {
        return Platform.getByte(values, BASE + row) != 0;
    }

    @Override
    public byte getByte(int row) {
        return Platform.getByte(values, BASE + row);
    }

    @Override
    public short getShort(int row) {
        return Platform.getShort(values, BASE + 2L * row);
    }

    @Override
    public int getInt(int row) {
        return Platform.getInt(values, BASE + 4L * row);
    }

    @Override
    public long getLong(int row) {
        return Platform.getLong(values, BASE + 8L * row);
    }

    @Override
    public float getFloat(int row) {
        return Platform.getFloat(values, BASE + 4L * row);
    }

    @Override
    public double getDouble(int row) {
        return Platform.getDouble(values, BASE + 8L * row);
    }

    @Override
    public boolean[] getBooleans(int row, int count) {
        boolean[] out = new boolean[count];
        for (int i = 0; i < count; i++) {
            out[i] = values[row + i] != 0;
        }
        return out;
    }

    @Override
    public byte[] getBytes(int row, int count) {
        return Arrays.copyOfRange(values, row, row + count);
    }

    @Override
    public short[] getShorts(int row, int count) {
        short[] out = new short[count];
        Platform.copyMemory(values, BASE + 2L * row, out, Platform.SHORT_ARRAY_OFFSET, 2L * count);
        return out;
    }

    @Override
    public int[] getInts(int row, int count) {
        int[] out = new int[count];
        Platform.copyMemory(values, BASE + 4L * row, out, Platform.INT_ARRAY_OFFSET, 4L * count);
        return out;
    }

    @Override
    public long[] getLongs(int row, int count) {
        long[] out = new long[count];
        Platform.copyMemory(values, BASE + 8L * row, out, Platform.LONG_ARRAY_OFFSET, 8L * count);
        return out;
    }

    @Override
    public float[] getFloats(int row, int count) {
        float[] out = new float[count];
        Platform.copyMemory(values, BASE + 4L * row, out, Platform.FLOAT_ARRAY_OFFSET, 4L * count);
        return out;
    }

    @Override
    public double[] getDoubles(int row, int count) {
        double[] out = new double[count];
        Platform.copyMemory(values, BASE + 8L * row, out, Platform.DOUBLE_ARRAY_OFFSET, 8L * count);
        return out;
    }

    @Override
    public ColumnarArray getArray(int row) {
        return isNullAt(row) ? null : new ColumnarArray(child, offsets[row], offsets[row + 1] - offsets[row]);
    }

    @Override
    public UTF8String getUTF8String(int row) {
        return isNullAt(row)
                ? null
                : UTF8String.fromAddress(values, BASE + offsets[row], offsets[row + 1] - offsets[row]);
    }

    @Override
    public BinaryView getBinaryView(int row) {
        return isNullAt(row)
                ? null
                : BinaryView.fromAddress(values, BASE + offsets[row], offsets[row + 1] - offsets[row]);
    }

    @Override
    public byte[] getBinary(int row) {
        return isNullAt(row) ? null : Arrays.copyOfRange(values, offsets[row], offsets[row + 1]);
    }

    @Override
    public ColumnarMap getMap(int row) {
        throw new UnsupportedOperationException("the Spark XQA cache stores no MAP columns");
    }

    @Override
    public Decimal getDecimal(int row, int precision, int scale) {
        throw new UnsupportedOperationException("the Spark XQA cache stores no DECIMAL columns");
    }

    @Override
    public ColumnVector getChild(int ordinal) {
        throw new UnsupportedOperationException("the Spark XQA cache stores no STRUCT columns");
    }
}
