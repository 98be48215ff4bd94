package org.sparkxqa.spark.cache;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.Serial;
import java.io.Serializable;
import org.apache.spark.sql.columnar.CachedBatch;

/**
 * A batch of rows of a cached relation as {@link XqaCachedBatchSerializer} stores it: one
 * {@link CachedColumn} per column of the relation, in the relation's order, each of
 * {@link #numRows} rows. Never changed once built (Kryo sets the fields before the batch is
 * published): readable by any number of threads, and read in place by the column vectors
 * ({@link CachedColumnVector}) that the cache hands to its consumers. {@link Serializable} and
 * {@link KryoSerializable}, so the block manager can keep it on disk.
 */
public final class XqaCachedBatch implements CachedBatch, Serializable, KryoSerializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private int numRows;
    private CachedColumn[] columns;

    XqaCachedBatch(int numRows, CachedColumn[] columns) {
        this.numRows = numRows;
        this.columns = columns;
    }

    /** For Kryo, which then calls {@link #read}. */
    private XqaCachedBatch() {}

    @Override
    public int numRows() {
        return numRows;
    }

    /**
     * The bytes of every column's buffers as allocated (values, offsets, null masks); object headers
     * (a few dozen bytes per column) are not counted. Spark's cache adds this up as the relation's size.
     */
    @Override
    public long sizeInBytes() {
        long bytes = 0;
        for (CachedColumn c : columns) {
            bytes += c.sizeInBytes();
        }
        return bytes;
    }

    int numColumns() {
        return columns.length;
    }

    CachedColumn column(int ordinal) {
        return columns[ordinal];
    }

    @Override
    public void write(Kryo kryo, Output out) {
        out.writeInt(numRows);
        out.writeInt(columns.length);
        for (CachedColumn c : columns) {
            c.write(kryo, out);
        }
    }

    @Override
    public void read(Kryo kryo, Input in) {
        numRows = in.readInt();
        columns = new CachedColumn[in.readInt()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = CachedColumn.readFrom(kryo, in);
        }
    }
}
