package org.sparkxqa.spark.cache;

import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarBatchRow;
import org.apache.spark.sql.vectorized.ColumnarRow;
import org.apache.spark.unsafe.types.BinaryView;

/**
 * A BINARY value of a row or an array as a {@link BinaryView}, without copying it where the source
 * allows: Spark's unsafe rows and arrays and the rows and arrays over column vectors hand out views of
 * their memory. Generic rows and arrays hold the value as a {@code byte[]} (their
 * {@code getBinaryView} would not work), which is viewed as it is. Stateless.
 */
final class BinaryValues {
    private BinaryValues() {}

    /** The non-NULL BINARY value of {@code src} at {@code ordinal}. */
    static BinaryView of(SpecializedGetters src, int ordinal) {
        if (src instanceof UnsafeRow
                || src instanceof UnsafeArrayData
                || src instanceof ColumnarBatchRow
                || src instanceof ColumnarArray
                || src instanceof ColumnarRow) {
            return src.getBinaryView(ordinal);
        }
        return BinaryView.fromBytes(src.getBinary(ordinal));
    }
}
