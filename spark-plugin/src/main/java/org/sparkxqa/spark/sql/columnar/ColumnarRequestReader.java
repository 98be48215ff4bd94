package org.sparkxqa.spark.sql.columnar;

import java.lang.foreign.MemorySegment;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.sparkxqa.spark.eval.RequestInput;

/**
 * Reads the rows of a {@link ColumnarBatch} as {@link RequestInput}s without copying q, k or v: they
 * are views into the batch's vectors ({@link BinaryViews}). The tree is read from an
 * {@code ARRAY<integral>} vector (parents), a BINARY vector (packed mask) or is absent (chains). Rows
 * are named like the row path names them: {@code id=...} when there is an id column, else by their
 * position in the partition (a NULL id is named by both). Owned by one task; not thread-safe.
 */
final class ColumnarRequestReader {
    private final ColumnarInputs columns;
    private final int partition;
    private long position;
    private ColumnarBatch batch;

    ColumnarRequestReader(ColumnarInputs columns, int partition) {
        this.columns = columns;
        this.partition = partition;
    }

    /** Starts reading {@code next}; views of the previous batch must no longer be used. */
    void start(ColumnarBatch next) {
        this.batch = next;
    }

    /** Row {@code row} of the current batch; rows must be read in order, each once. */
    RequestInput read(int row) {
        String rowId = rowId(row);
        position++;
        MemorySegment q = BinaryViews.of(batch.column(columns.q()), row);
        MemorySegment k = BinaryViews.of(batch.column(columns.k()), row);
        MemorySegment v = BinaryViews.of(batch.column(columns.v()), row);
        if (columns.tree() < 0 || batch.column(columns.tree()).isNullAt(row)) {
            return new RequestInput(rowId, q, k, v, null, null, null);
        }
        ColumnVector tree = batch.column(columns.tree());
        if (!(columns.treeType() instanceof ArrayType a)) {
            return new RequestInput(rowId, q, k, v, null, tree.getBinary(row), null);
        }
        ColumnarArray parents = tree.getArray(row);
        int[] out = new int[parents.numElements()];
        for (int i = 0; i < out.length; i++) {
            if (parents.isNullAt(i)) {
                return new RequestInput(rowId, q, k, v, null, null, "tree[" + i + "] is NULL");
            }
            long parent = integral(parents, i, a.elementType());
            if (parent != (int) parent) {
                return new RequestInput(rowId, q, k, v, null, null, "tree[" + i + "] = " + parent + " is out of range");
            }
            out[i] = (int) parent;
        }
        return new RequestInput(rowId, q, k, v, out, null, null);
    }

    private String rowId(int row) {
        String where = "at position " + position + " of partition " + partition;
        if (columns.id() < 0) {
            return where;
        }
        if (batch.column(columns.id()).isNullAt(row)) {
            return "id=NULL (" + where + ")";
        }
        return "id=" + batch.getRow(row).get(columns.id(), columns.idType());
    }

    private static long integral(ColumnarArray a, int i, DataType type) {
        return type instanceof LongType
                ? a.getLong(i)
                : type instanceof IntegerType
                        ? a.getInt(i)
                        : type instanceof ShortType
                                ? a.getShort(i)
                                : type instanceof ByteType ? a.getByte(i) : a.getLong(i);
    }
}
