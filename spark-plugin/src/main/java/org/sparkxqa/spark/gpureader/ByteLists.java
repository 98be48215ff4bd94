package org.sparkxqa.spark.gpureader;

import ai.rapids.cudf.ColumnVector;
import ai.rapids.cudf.ColumnView;
import ai.rapids.cudf.DType;

/**
 * A q, k or v column of a decoded file as the {@code LIST<UINT8>} that {@code CudfAttention} reads.
 * cuDF 26.08's Parquet reader returned Spark's BINARY columns as {@code STRING} on the H100 although the
 * read options asked for binary; a STRING column is then turned into byte lists on the device
 * ({@code asByteList}, one device copy of its bytes, no host round trip). Any other column is used as
 * it is (and checked by {@code CudfAttention}). Owns the converted copy; not thread-safe.
 */
final class ByteLists implements AutoCloseable {
    private final ColumnView view;
    private final ColumnVector owned;

    private ByteLists(ColumnView view, ColumnVector owned) {
        this.view = view;
        this.owned = owned;
    }

    static ByteLists of(ColumnView column) {
        if (column.getType().equals(DType.STRING)) {
            ColumnVector bytes = column.asByteList();
            return new ByteLists(bytes, bytes);
        }
        return new ByteLists(column, null);
    }

    ColumnView view() {
        return view;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
