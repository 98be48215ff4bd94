package org.sparkxqa.spark.cache;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.Serial;
import java.io.Serializable;

/**
 * One column of a cached batch as contiguous on-heap buffers (the layout Arrow uses):
 * <ul>
 *   <li>{@code nulls}: bit {@code r % 8} of byte {@code r / 8} is set when row {@code r} is NULL; null
 *       when no row is;</li>
 *   <li>{@code values}: fixed-width kinds ({@link ValueKind}): row {@code r}'s value at byte
 *       {@code r * width}, in the platform's byte order (little-endian on x86-64 and aarch64; a
 *       spilled block is read back on the same kind of machine); STRING and BINARY: every value's bytes
 *       back to back; ARRAY: empty;</li>
 *   <li>{@code offsets}: STRING, BINARY and ARRAY: {@code rows + 1} ints, row {@code r} spans
 *       {@code [offsets[r], offsets[r + 1])} of {@code values} (bytes) or of the child's rows
 *       (elements); a NULL row spans nothing; fixed-width kinds: null;</li>
 *   <li>{@code child}: ARRAY: the elements of all rows as one column; else null.</li>
 * </ul>
 * The column does not record its type: the cached relation's schema gives it. Built by
 * {@link ColumnBuilder} and never changed afterwards (Kryo sets the fields before the column is
 * published), so it may be read by any number of threads. {@link Serializable} and
 * {@link KryoSerializable}, so a cache block can be stored on disk ({@code MEMORY_AND_DISK},
 * {@code DISK_ONLY}) with either of Spark's serializers.
 */
public final class CachedColumn implements Serializable, KryoSerializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private int rows;
    private int nullCount;
    private byte[] nulls;
    private byte[] values;
    private int[] offsets;
    private CachedColumn child;

    CachedColumn(int rows, int nullCount, byte[] nulls, byte[] values, int[] offsets, CachedColumn child) {
        this.rows = rows;
        this.nullCount = nullCount;
        this.nulls = nulls;
        this.values = values;
        this.offsets = offsets;
        this.child = child;
    }

    /** For Kryo, which then calls {@link #read}. */
    private CachedColumn() {}

    int rows() {
        return rows;
    }

    int nullCount() {
        return nullCount;
    }

    boolean isNull(int row) {
        return nulls != null && (nulls[row >>> 3] & (1 << (row & 7))) != 0;
    }

    byte[] values() {
        return values;
    }

    int[] offsets() {
        return offsets;
    }

    CachedColumn child() {
        return child;
    }

    /** Bytes of this column's buffers as allocated (values, offsets, null mask, the child's), in bytes. */
    public long sizeInBytes() {
        return (nulls == null ? 0 : nulls.length)
                + (long) values.length
                + (offsets == null ? 0 : 4L * offsets.length)
                + (child == null ? 0 : child.sizeInBytes());
    }

    @Override
    public void write(Kryo kryo, Output out) {
        out.writeInt(rows);
        out.writeInt(nullCount);
        writeBytes(out, nulls);
        writeBytes(out, values);
        out.writeInt(offsets == null ? -1 : offsets.length);
        if (offsets != null) {
            out.writeInts(offsets);
        }
        out.writeBoolean(child != null);
        if (child != null) {
            child.write(kryo, out);
        }
    }

    @Override
    public void read(Kryo kryo, Input in) {
        rows = in.readInt();
        nullCount = in.readInt();
        nulls = readBytes(in);
        values = readBytes(in);
        int n = in.readInt();
        offsets = n < 0 ? null : in.readInts(n);
        child = in.readBoolean() ? readFrom(kryo, in) : null;
    }

    /** A column that {@link #write} wrote. */
    static CachedColumn readFrom(Kryo kryo, Input in) {
        CachedColumn c = new CachedColumn();
        c.read(kryo, in);
        return c;
    }

    private static void writeBytes(Output out, byte[] bytes) {
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.writeBytes(bytes);
        }
    }

    private static byte[] readBytes(Input in) {
        int n = in.readInt();
        return n < 0 ? null : in.readBytes(n);
    }
}
