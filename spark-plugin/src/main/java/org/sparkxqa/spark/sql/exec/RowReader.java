package org.sparkxqa.spark.sql.exec;

import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SafeProjection$;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.sparkxqa.spark.eval.RequestInput;
import org.sparkxqa.spark.sql.Scala;
import scala.Function1;

/**
 * Turns the operator's input rows into {@link RequestInput}s: evaluates the call's q, k, v, tree (and
 * the row id) on a row. q, k and v are always the row's values, also for a row with a read error
 * ({@link BufferedRows} puts them back into the output). A safe projection reads them, so each value
 * is copied out of Spark's row once, straight into its own array. Rows are named {@code id=...} when
 * the child has an {@code id} column, else by their position in the partition (a NULL id by both).
 * Owned by one task; not thread-safe.
 */
final class RowReader {
    private final Function1<InternalRow, InternalRow> project;
    private final DataType treeType;
    private final DataType idType;
    private final int partition;
    private long position;

    /** {@code inputs}: q, k, v, tree, then optionally the row id, all over {@code childOutput}. */
    RowReader(List<Expression> inputs, List<Attribute> childOutput, int partition) {
        this(
                SafeProjection$.MODULE$.create(Scala.seq(inputs), Scala.seq(childOutput)),
                inputs.get(3).dataType(),
                inputs.size() > 4 ? inputs.get(4).dataType() : null,
                partition);
    }

    /** With the projection given (tests). */
    RowReader(Function1<InternalRow, InternalRow> project, DataType treeType, DataType idType, int partition) {
        this.project = project;
        this.treeType = treeType;
        this.idType = idType;
        this.partition = partition;
    }

    /** Reads the next row of the partition (the result does not refer to {@code row}). */
    RequestInput read(InternalRow row) {
        String where = "at position " + position + " of partition " + partition;
        InternalRow in;
        try {
            in = project.apply(row);
        } catch (OutOfMemoryError e) {
            long bytes = row instanceof UnsafeRow u ? u.getSizeInBytes() : -1;
            throw RowHeapLimit.exceeded("the row " + where, bytes, "copying its q, k and v for the backend", e);
        }
        String rowId = idType == null ? where : in.isNullAt(4) ? "id=NULL (" + where + ")" : "id=" + in.get(4, idType);
        position++;
        byte[] q = in.isNullAt(0) ? null : in.getBinary(0);
        byte[] k = in.isNullAt(1) ? null : in.getBinary(1);
        byte[] v = in.isNullAt(2) ? null : in.getBinary(2);
        if (in.isNullAt(3)) {
            return new RequestInput(rowId, q, k, v, null, null, null);
        }
        if (!(treeType instanceof ArrayType a)) {
            return new RequestInput(rowId, q, k, v, null, in.getBinary(3), null);
        }
        ArrayData tree = in.getArray(3);
        int[] parents = new int[tree.numElements()];
        for (int i = 0; i < parents.length; i++) {
            if (tree.isNullAt(i)) {
                return new RequestInput(rowId, q, k, v, null, null, "tree[" + i + "] is NULL");
            }
            long parent = ((Number) tree.get(i, a.elementType())).longValue();
            if (parent != (int) parent) {
                return new RequestInput(rowId, q, k, v, null, null, "tree[" + i + "] = " + parent + " is out of range");
            }
            parents[i] = (int) parent;
        }
        return new RequestInput(rowId, q, k, v, parents, null, null);
    }
}
