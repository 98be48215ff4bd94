package org.sparkxqa.spark.sql.columnar;

import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.sparkxqa.spark.eval.RowResult;
import org.sparkxqa.spark.sql.expressions.XqaAttentionResult;

/**
 * The operator's result column in columnar output: {@code STRUCT<out BINARY, xqa_error STRING>}, one
 * value per row of the current input batch, the struct itself never NULL (as in the row path). One
 * on-heap vector reused for every batch of a task (reset per batch; grown for a larger batch); a
 * consumer must be done with a batch before asking for the next, as Spark's columnar contract says.
 * Owned by one task; {@link #close} frees it. Not thread-safe.
 */
final class ResultColumn implements AutoCloseable {
    private OnHeapColumnVector vector;
    private int capacity;

    /** Empties the column for a batch of {@code rows} rows (a larger batch than before gets a new vector). */
    WritableColumnVector reset(int rows) {
        if (vector == null || rows > capacity) {
            close();
            capacity = Math.max(rows, 1);
            vector = new OnHeapColumnVector(capacity, XqaAttentionResult.TYPE);
        } else {
            vector.reset();
        }
        return vector;
    }

    /** Sets row {@code row} to {@code result}. */
    void put(int row, RowResult result) {
        WritableColumnVector out = vector.getChild(0);
        WritableColumnVector error = vector.getChild(1);
        vector.putNotNull(row);
        if (result.out() == null) {
            out.putNull(row);
        } else {
            out.putNotNull(row);
            out.putByteArray(row, result.out());
        }
        if (result.error() == null) {
            error.putNull(row);
        } else {
            error.putNotNull(row);
            error.putByteArray(row, result.error().getBytes(StandardCharsets.UTF_8));
        }
    }

    WritableColumnVector vector() {
        return vector;
    }

    @Override
    public void close() {
        if (vector != null) {
            vector.close();
            vector = null;
        }
    }
}
