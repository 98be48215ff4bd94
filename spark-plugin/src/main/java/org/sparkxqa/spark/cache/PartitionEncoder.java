package org.sparkxqa.spark.cache;

import java.io.Serial;
import java.io.Serializable;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.columnar.CachedBatch;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import scala.collection.AbstractIterator;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * What each task runs to cache a partition: its rows, or its columnar batches, become
 * {@link XqaCachedBatch}es cut by {@link BatchBuilder} (an input batch may fill several cached batches
 * and several input batches one). Lazy: a cached batch is built when the block manager asks for it.
 * An empty partition gives no batch. Immutable; serialized into tasks.
 */
final class PartitionEncoder<T> extends AbstractFunction1<Iterator<T>, Iterator<CachedBatch>> implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final DataType[] types;
    private final int maxRows;
    private final long maxBytes;
    private final boolean columnar;

    private PartitionEncoder(DataType[] types, int maxRows, long maxBytes, boolean columnar) {
        this.types = types.clone();
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.columnar = columnar;
    }

    /** Encodes rows of the relation's {@code types}. */
    static PartitionEncoder<InternalRow> rows(DataType[] types, int maxRows, long maxBytes) {
        return new PartitionEncoder<>(types, maxRows, maxBytes, false);
    }

    /** Encodes columnar batches whose columns are the relation's {@code types}. */
    static PartitionEncoder<ColumnarBatch> batches(DataType[] types, int maxRows, long maxBytes) {
        return new PartitionEncoder<>(types, maxRows, maxBytes, true);
    }

    @Override
    public Iterator<CachedBatch> apply(Iterator<T> in) {
        BatchBuilder builder = new BatchBuilder(types, maxRows, maxBytes);
        return columnar ? new FromBatches(builder, cast(in)) : new FromRows(builder, cast(in));
    }

    @SuppressWarnings("unchecked")
    private static <U> Iterator<U> cast(Iterator<?> in) {
        return (Iterator<U>) in;
    }

    private static final class FromRows extends AbstractIterator<CachedBatch> {
        private final BatchBuilder builder;
        private final Iterator<InternalRow> in;

        FromRows(BatchBuilder builder, Iterator<InternalRow> in) {
            this.builder = builder;
            this.in = in;
        }

        @Override
        public boolean hasNext() {
            return in.hasNext();
        }

        @Override
        public CachedBatch next() {
            do {
                builder.append(in.next());
            } while (!builder.full() && in.hasNext());
            return builder.finish();
        }
    }

    private static final class FromBatches extends AbstractIterator<CachedBatch> {
        private final BatchBuilder builder;
        private final Iterator<ColumnarBatch> in;
        private ColumnarBatch current;
        private int next;

        FromBatches(BatchBuilder builder, Iterator<ColumnarBatch> in) {
            this.builder = builder;
            this.in = in;
        }

        /** Whether rows are left; moves to the next non-empty input batch (the previous one is copied). */
        @Override
        public boolean hasNext() {
            while ((current == null || next >= current.numRows()) && in.hasNext()) {
                current = in.next();
                next = 0;
            }
            return current != null && next < current.numRows();
        }

        @Override
        public CachedBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            do {
                next = builder.append(current, next);
            } while (!builder.full() && hasNext());
            return builder.finish();
        }
    }
}
