package org.sparkxqa.spark.cache;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Assembles the {@link XqaCachedBatch}es of one partition: rows are appended one at a time or as
 * ranges of an input {@link ColumnarBatch} (copied column by column, {@link VectorCopy}), and a batch
 * is full once it holds {@code maxRows} rows ({@code spark.sql.inMemoryColumnarStorage.batchSize}) or
 * at least {@code maxBytes} bytes ({@link ValueBytes}; so it exceeds the budget by less than one row).
 * Input batches are copied before the call returns, so the source may reuse its vectors. Owned by one
 * task; not thread-safe.
 */
final class BatchBuilder {
    private final DataType[] types;
    private final ValueKind[] kinds;
    private final int maxRows;
    private final long maxBytes;
    private ColumnBuilder[] columns;
    private int rows;
    private long bytes;

    BatchBuilder(DataType[] types, int maxRows, long maxBytes) {
        this.types = types.clone();
        this.kinds = new ValueKind[types.length];
        for (int c = 0; c < types.length; c++) {
            kinds[c] = ValueKind.of(types[c]);
        }
        this.maxRows = Math.max(1, maxRows);
        this.maxBytes = maxBytes;
        reset();
    }

    boolean isEmpty() {
        return rows == 0;
    }

    boolean full() {
        return rows >= maxRows || bytes >= maxBytes;
    }

    /** Appends {@code row}, whose fields are in the relation's order. */
    void append(InternalRow row) {
        for (int c = 0; c < types.length; c++) {
            bytes += ValueBytes.of(row, c, kinds[c], types[c]);
            columns[c].append(row, c);
        }
        rows++;
    }

    /**
     * Appends rows of {@code batch} from {@code from} on, until the batch ends or this one is full;
     * returns the first row not appended.
     */
    int append(ColumnarBatch batch, int from) {
        int end = from;
        while (end < batch.numRows() && rows + (end - from) < maxRows && bytes < maxBytes) {
            InternalRow row = batch.getRow(end);
            for (int c = 0; c < types.length; c++) {
                bytes += ValueBytes.of(row, c, kinds[c], types[c]);
            }
            end++;
        }
        for (int c = 0; c < types.length; c++) {
            VectorCopy.append(columns[c], batch.column(c), from, end);
        }
        rows += end - from;
        return end;
    }

    /** The batch built so far; this builder then starts an empty one. */
    XqaCachedBatch finish() {
        CachedColumn[] built = new CachedColumn[columns.length];
        for (int c = 0; c < columns.length; c++) {
            built[c] = columns[c].build();
        }
        XqaCachedBatch batch = new XqaCachedBatch(rows, built);
        reset();
        return batch;
    }

    private void reset() {
        columns = new ColumnBuilder[types.length];
        for (int c = 0; c < types.length; c++) {
            columns[c] = new ColumnBuilder(types[c]);
        }
        rows = 0;
        bytes = 0;
    }
}
