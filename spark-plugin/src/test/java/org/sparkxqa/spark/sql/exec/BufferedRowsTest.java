package org.sparkxqa.spark.sql.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NamedExpression$;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.sparkxqa.spark.eval.RequestInput;
import org.sparkxqa.spark.sql.Scala;
import org.sparkxqa.spark.sql.expressions.XqaAttentionResult;

/** Buffered rows hold q, k and v once (in the request) and still give back every column unchanged. */
class BufferedRowsTest {
    private static final byte[] Q = {1, 2};
    private static final byte[] K = {3, 4, 5, 6};
    private static final byte[] V = {7, 8, 9, 10};
    private static final byte[] OUT = {11, 12};

    private final Attribute id = attr("id", DataTypes.LongType);
    private final Attribute q = attr("q", DataTypes.BinaryType);
    private final Attribute k = attr("k", DataTypes.BinaryType);
    private final Attribute v = attr("v", DataTypes.BinaryType);
    private final Attribute tree = attr("tree", DataTypes.createArrayType(DataTypes.IntegerType));
    private final Attribute note = attr("note", DataTypes.StringType);
    private final List<Attribute> child = List.of(id, q, k, v, tree, note);
    private final UnsafeProjection toUnsafe = UnsafeProjection.create(Scala.<Expression>seq(child), Scala.seq(child));

    private static Attribute attr(String name, DataType type) {
        return new AttributeReference(
                name, type, true, Metadata.empty(), NamedExpression$.MODULE$.newExprId(), Scala.seq());
    }

    private List<Attribute> output() {
        List<Attribute> out = new ArrayList<>(child);
        out.add(attr("xqa_result", XqaAttentionResult.TYPE));
        return out;
    }

    private InternalRow row(long idValue, String noteValue) {
        return toUnsafe.apply(new GenericInternalRow(new Object[] {
            idValue,
            Q.clone(),
            K.clone(),
            V.clone(),
            ArrayData.toArrayData(new int[] {-1, 0}),
            UTF8String.fromString(noteValue)
        }));
    }

    /** What {@link RowReader} reads from {@link #row}: its own copies of q, k and v. */
    private static RequestInput read() {
        return new RequestInput("id=7", Q.clone(), K.clone(), V.clone(), new int[] {-1, 0}, null, null);
    }

    private static InternalRow result() {
        return new GenericInternalRow(new Object[] {new GenericInternalRow(new Object[] {OUT, null})});
    }

    private void assertRoundTrip(BufferedRows rows, int restColumns) {
        BufferedRows.Buffered b = rows.buffer(row(7, "seven"), read());
        row(8, "eight");
        assertEquals(restColumns, b.rest().numFields(), "columns copied besides the request's arrays");
        InternalRow out = rows.output(b, result());
        assertEquals(7, out.getLong(0), "the buffered copy does not follow the reused input row");
        assertArrayEquals(Q, out.getBinary(1));
        assertArrayEquals(K, out.getBinary(2));
        assertArrayEquals(V, out.getBinary(3));
        assertArrayEquals(new int[] {-1, 0}, out.getArray(4).toIntArray());
        assertEquals("seven", out.getUTF8String(5).toString());
        assertArrayEquals(OUT, out.getStruct(6, 2).getBinary(0));
        assertNull(out.getStruct(6, 2).getUTF8String(1));
    }

    @Test
    void columnInputsAreCarriedByTheRequestNotCopied() {
        BufferedRows rows = new BufferedRows(List.of(q, k, v), child, output());
        assertEquals(3, rows.carriedColumns());
        assertRoundTrip(rows, 3);
    }

    @Test
    void aColumnUsedTwiceIsCarriedOnce() {
        BufferedRows rows = new BufferedRows(List.of(q, k, k), child, output());
        assertEquals(2, rows.carriedColumns());
        assertRoundTrip(rows, 4);
    }

    @Test
    void expressionInputsCarryNothingAndTheirColumnsStayInTheCopy() {
        BufferedRows rows = new BufferedRows(List.of(Literal.create(Q, DataTypes.BinaryType), k, v), child, output());
        assertEquals(2, rows.carriedColumns());
        assertRoundTrip(rows, 4);
    }
}
