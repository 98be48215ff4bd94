package org.sparkxqa.spark.cache;

import java.io.Serial;
import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.columnar.CachedBatch;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * What each task runs to read a cached partition: every {@link XqaCachedBatch} becomes a
 * {@link ColumnarBatch} of {@link CachedColumnVector}s over the selected columns only (the
 * {@code ordinals} of the relation's columns that the query reads; no value is copied), or, for a
 * row consumer, the rows of that batch as {@code UnsafeRow}s (one reused row per partition, as
 * Spark's scans do). Immutable; serialized into tasks.
 */
final class PartitionDecoder<T> extends AbstractFunction1<Iterator<CachedBatch>, Iterator<T>> implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int[] ordinals;
    private final DataType[] types;
    private final boolean rows;

    private PartitionDecoder(int[] ordinals, DataType[] types, boolean rows) {
        this.ordinals = ordinals.clone();
        this.types = types.clone();
        this.rows = rows;
    }

    /** Columnar batches of the columns at {@code ordinals}, whose types are {@code types}. */
    static PartitionDecoder<ColumnarBatch> batches(int[] ordinals, DataType[] types) {
        return new PartitionDecoder<>(ordinals, types, false);
    }

    /** Rows of the columns at {@code ordinals}, whose types are {@code types}. */
    static PartitionDecoder<InternalRow> rows(int[] ordinals, DataType[] types) {
        return new PartitionDecoder<>(ordinals, types, true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<T> apply(Iterator<CachedBatch> in) {
        if (!rows) {
            return (Iterator<T>) in.map(this::view);
        }
        StructType schema = new StructType();
        for (int i = 0; i < types.length; i++) {
            schema = schema.add("c" + i, types[i]);
        }
        UnsafeProjection toUnsafe = UnsafeProjection.create(schema);
        return (Iterator<T>) in.flatMap(
                b -> CollectionConverters.asScala(view(b).rowIterator()).map(toUnsafe::apply));
    }

    /** The selected columns of {@code batch}, viewed in place. */
    ColumnarBatch view(CachedBatch batch) {
        XqaCachedBatch b = (XqaCachedBatch) batch;
        ColumnVector[] vectors = new ColumnVector[ordinals.length];
        for (int i = 0; i < ordinals.length; i++) {
            vectors[i] = new CachedColumnVector(types[i], b.column(ordinals[i]));
        }
        return new ColumnarBatch(vectors, b.numRows());
    }
}
