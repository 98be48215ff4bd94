package org.sparkxqa.spark.batch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.ToLongFunction;

/**
 * Groups a stream of rows into batches of at most {@code maxRows} rows and at most {@code maxBytes}
 * bytes. A row larger than {@code maxBytes} on its own forms a batch of one. Rows keep their order;
 * the source is read lazily, one batch ahead at most. Not thread-safe.
 *
 * @param <T> the row type
 */
public final class RowBatcher<T> implements Iterator<List<T>> {
    private final Iterator<T> source;
    private final int maxRows;
    private final long maxBytes;
    private final ToLongFunction<T> sizeOf;
    private T pending;
    private long pendingSize;

    /**
     * @param source rows to batch (consumed by this batcher)
     * @param maxRows most rows per batch, at least 1
     * @param maxBytes most bytes per batch (as counted by {@code sizeOf}), at least 1
     * @param sizeOf bytes of one row
     */
    public RowBatcher(Iterator<T> source, int maxRows, long maxBytes, ToLongFunction<T> sizeOf) {
        if (maxRows < 1 || maxBytes < 1) {
            throw new IllegalArgumentException(
                    "maxRows and maxBytes must be positive, got " + maxRows + ", " + maxBytes);
        }
        this.source = source;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.sizeOf = sizeOf;
    }

    @Override
    public boolean hasNext() {
        return pending != null || source.hasNext();
    }

    @Override
    public List<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<T> batch = new ArrayList<>();
        long bytes = 0;
        while (batch.size() < maxRows && fill()) {
            if (!batch.isEmpty() && bytes + pendingSize > maxBytes) {
                break;
            }
            batch.add(pending);
            bytes += pendingSize;
            pending = null;
            if (bytes >= maxBytes) {
                break;
            }
        }
        return batch;
    }

    private boolean fill() {
        if (pending == null && source.hasNext()) {
            pending = source.next();
            pendingSize = sizeOf.applyAsLong(pending);
        }
        return pending != null;
    }
}
