package org.sparkxqa.core.gpu.cudf;

import ai.rapids.cudf.ColumnVector;

/**
 * What {@link CudfAttention#attendOrNull} returns: the output column and, row for row, why a row is
 * invalid. The caller owns both columns and closes them through {@link #close}. Not thread-safe.
 *
 * @param out LIST&lt;UINT8&gt;, {@code [Lq, Hq, D]} in the q type per row; NULL for an invalid row
 * @param errors STRING, the row's reason (the row path's {@code xqa_error}); NULL for a valid row
 * @param invalidRows rows with a reason
 */
public record CudfResult(ColumnVector out, ColumnVector errors, int invalidRows) implements AutoCloseable {

    @Override
    public void close() {
        try (ColumnVector a = out;
                ColumnVector b = errors) {
            // both closed, even when one close throws
        }
    }
}
