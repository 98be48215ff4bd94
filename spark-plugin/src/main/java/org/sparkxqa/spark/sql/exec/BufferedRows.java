package org.sparkxqa.spark.sql.exec;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.sparkxqa.spark.eval.RequestInput;
import org.sparkxqa.spark.sql.Scala;

/**
 * How the batched operator buffers a row while its batch waits, holding each byte once. The row's
 * q, k and v are read out as byte arrays for the backend anyway ({@link RowReader}); when such an
 * input is a column of the child (the usual case: {@code xqa_attention(q, k, v, ...)}), a copy of
 * the whole child row would hold the same bytes a second time. So a buffered row keeps a compact
 * copy of the other columns only, and the output row takes those "carried" columns from the request's
 * arrays. Inputs that are expressions (e.g. {@code unhex(k_hex)}) carry nothing: their source columns
 * stay in the copy. Output is {@code child output + result}, as {@code UnsafeRow}s built one at a
 * time into a reused buffer. Owned by one task; not thread-safe.
 */
final class BufferedRows {
    /** A buffered row: the child's other columns, and the request read from the row. */
    record Buffered(InternalRow rest, RequestInput input) {}

    private final UnsafeProjection rest;
    private final int[] carriedInput;
    private final UnsafeProjection out;
    private final JoinedRow restAndCarried = new JoinedRow();
    private final JoinedRow all = new JoinedRow();

    /**
     * @param qkv the call's q, k and v inputs, over {@code childOutput}
     * @param output the operator's output: {@code childOutput} followed by the result attribute
     */
    BufferedRows(List<Expression> qkv, List<Attribute> childOutput, List<Attribute> output) {
        List<Attribute> carried = new ArrayList<>();
        List<Integer> carriedFrom = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (qkv.get(i) instanceof Attribute a && indexOf(childOutput, a) >= 0 && indexOf(carried, a) < 0) {
                carried.add(a);
                carriedFrom.add(i);
            }
        }
        List<Attribute> restColumns =
                childOutput.stream().filter(a -> indexOf(carried, a) < 0).toList();
        this.rest = UnsafeProjection.create(Scala.<Expression>seq(restColumns), Scala.seq(childOutput));
        this.carriedInput = carriedFrom.stream().mapToInt(Integer::intValue).toArray();
        List<Attribute> layout = new ArrayList<>(restColumns);
        layout.addAll(carried);
        layout.add(output.get(output.size() - 1));
        this.out = UnsafeProjection.create(Scala.<Expression>seq(output), Scala.seq(layout));
    }

    /** How many of q, k, v are child columns, held once (for tests). */
    int carriedColumns() {
        return carriedInput.length;
    }

    /** Buffers {@code row} (which may be reused by the caller afterwards) with its request {@code input}. */
    Buffered buffer(InternalRow row, RequestInput input) {
        return new Buffered(rest.apply(row).copy(), input);
    }

    /** The output row of {@code b} with its one-field result row; valid until the next call. */
    InternalRow output(Buffered b, InternalRow result) {
        Object[] carried = new Object[carriedInput.length];
        for (int i = 0; i < carried.length; i++) {
            carried[i] = switch (carriedInput[i]) {
                case 0 -> RequestInput.array(b.input().q());
                case 1 -> RequestInput.array(b.input().k());
                default -> RequestInput.array(b.input().v());
            };
        }
        try {
            return out.apply(all.apply(restAndCarried.apply(b.rest(), new GenericInternalRow(carried)), result));
        } catch (OutOfMemoryError e) {
            long rest = b.rest() instanceof UnsafeRow u ? u.getSizeInBytes() : 0;
            throw RowHeapLimit.exceeded(b.input().rowId(), b.input().bytes() + rest, "building its output row", e);
        }
    }

    private static int indexOf(List<Attribute> attributes, Attribute a) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).exprId().equals(a.exprId())) {
                return i;
            }
        }
        return -1;
    }
}
