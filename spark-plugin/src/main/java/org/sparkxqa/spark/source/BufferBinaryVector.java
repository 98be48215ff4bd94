package org.sparkxqa.spark.source;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.BinaryView;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A read-only BINARY or STRING column vector whose values are {@link ByteBuffer} slices of the Parquet
 * pages they were decoded from: nothing is copied. {@code getBinaryView} and {@code getUTF8String}
 * view the page bytes in place (so the columnar {@code xqa_attention} packs q, k and v straight from
 * the pages); {@code getBinary} copies. The pages are heap or native buffers that the garbage
 * collector frees once the vector is unreachable, so {@link #close} frees nothing. Immutable, hence
 * safe to read from several threads.
 */
final class BufferBinaryVector extends ColumnVector {
    private final ByteBuffer[] values;
    private final int nulls;

    /** @param values row {@code r}'s bytes from its position to its limit, or null for a NULL row */
    BufferBinaryVector(DataType type, ByteBuffer[] values) {
        super(type);
        this.values = values;
        int n = 0;
        for (ByteBuffer b : values) {
            n += b == null ? 1 : 0;
        }
        this.nulls = n;
    }

    @Override
    public BinaryView getBinaryView(int row) {
        ByteBuffer b = values[row];
        if (b == null) {
            return null;
        }
        if (b.hasArray()) {
            return BinaryView.fromAddress(
                    b.array(), Platform.BYTE_ARRAY_OFFSET + b.arrayOffset() + b.position(), b.remaining());
        }
        return BinaryView.fromAddress(null, MemorySegment.ofBuffer(b).address(), b.remaining());
    }

    @Override
    public byte[] getBinary(int row) {
        ByteBuffer b = values[row];
        if (b == null) {
            return null;
        }
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return copy;
    }

    @Override
    public UTF8String getUTF8String(int row) {
        BinaryView v = getBinaryView(row);
        return v == null ? null : UTF8String.fromAddress(v.getBaseObject(), v.getBaseOffset(), v.numBytes());
    }

    @Override
    public boolean isNullAt(int row) {
        return values[row] == null;
    }

    @Override
    public boolean hasNull() {
        return nulls > 0;
    }

    @Override
    public int numNulls() {
        return nulls;
    }

    @Override
    public void close() {}

    @Override
    public boolean getBoolean(int row) {
        throw notFixedWidth();
    }

    @Override
    public byte getByte(int row) {
        throw notFixedWidth();
    }

    @Override
    public short getShort(int row) {
        throw notFixedWidth();
    }

    @Override
    public int getInt(int row) {
        throw notFixedWidth();
    }

    @Override
    public long getLong(int row) {
        throw notFixedWidth();
    }

    @Override
    public float getFloat(int row) {
        throw notFixedWidth();
    }

    @Override
    public double getDouble(int row) {
        throw notFixedWidth();
    }

    @Override
    public Decimal getDecimal(int row, int precision, int scale) {
        throw notFixedWidth();
    }

    @Override
    public ColumnarArray getArray(int row) {
        throw notFixedWidth();
    }

    @Override
    public ColumnarMap getMap(int row) {
        throw notFixedWidth();
    }

    @Override
    public ColumnVector getChild(int ordinal) {
        throw notFixedWidth();
    }

    private UnsupportedOperationException notFixedWidth() {
        return new UnsupportedOperationException("a " + dataType().simpleString() + " vector holds byte strings only");
    }
}
