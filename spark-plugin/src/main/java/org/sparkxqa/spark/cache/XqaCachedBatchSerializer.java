package org.sparkxqa.spark.cache;

import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.columnar.CachedBatch;
import org.apache.spark.sql.columnar.CachedBatchSerializer;
import org.apache.spark.sql.execution.columnar.DefaultCachedBatchSerializer;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.storage.StorageLevel;
import org.sparkxqa.core.BatchCap;
import scala.Option;
import scala.Some;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

/**
 * Spark's in-memory cache ({@code df.cache()}, {@code CACHE TABLE}) in columns that Spark's own
 * column vectors can read in place, BINARY and ARRAY included: with it, {@code xqa_attention} over a
 * cached request table reads q, k, v and the tree from the cache without a row conversion. Enabled
 * with the static setting
 * {@code spark.sql.cache.serializer=org.sparkxqa.spark.cache.XqaCachedBatchSerializer}, given before
 * the session starts (the {@code xqa} job's own sessions set it unless it is set).
 * <ul>
 *   <li><b>Which relations.</b> Relations whose every column is of a type {@link ValueKind} stores
 *       (the fixed-width primitives, dates, timestamps and intervals, STRING, BINARY, ARRAY of these)
 *       are cached here, columnar in and out. Any other relation (one DECIMAL, STRUCT or MAP column
 *       suffices) is handed whole to Spark's {@link DefaultCachedBatchSerializer}: cached, filtered
 *       and read exactly as without this class.</li>
 *   <li><b>Storing.</b> From a columnar plan (the Parquet scan) the vectors are copied in bulk
 *       ({@link VectorCopy}); from rows, value by value. A batch holds at most
 *       {@code spark.sql.inMemoryColumnarStorage.batchSize} rows (10000 by default) and closes once it
 *       holds {@value #MAX_BATCH_BYTES} bytes ({@link BatchCap#BYTES}, a launch's largest input, so
 *       cached batches do not cut launches smaller than they would be), each column as contiguous
 *       buffers ({@link CachedColumn}). Nulls and empty partitions are kept. Batches are
 *       {@code Serializable} and {@code KryoSerializable}: every storage level works, disk too.</li>
 *   <li><b>Reading.</b> Columnar: a {@link ColumnarBatch} of {@link CachedColumnVector}s, zero-copy
 *       views of the selected columns only. Rows: {@code UnsafeRow}s of the selected columns. Spark
 *       reads the cache columnar when {@code spark.sql.inMemoryColumnarStorage.enableVectorizedReader}
 *       is true (the default) and the relation has at most {@code spark.sql.codegen.maxFields}
 *       fields.</li>
 *   <li><b>No statistics.</b> {@link #buildFilter} keeps every batch: no batch is skipped for a
 *       filter on the cached columns (the filter itself still runs above the scan).</li>
 * </ul>
 * Spark makes one instance per JVM (and keeps it until {@code InMemoryRelation.clearSerializer()});
 * it holds nothing but the fallback serializer, so it is thread-safe.
 */
public final class XqaCachedBatchSerializer implements CachedBatchSerializer {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A cached batch closes once it holds this many bytes: {@link BatchCap#BYTES}, 256 MiB. */
    public static final long MAX_BATCH_BYTES = BatchCap.BYTES;

    private static final ClassTag<CachedBatch> CACHED = ClassTag$.MODULE$.apply(CachedBatch.class);

    private final DefaultCachedBatchSerializer fallback = new DefaultCachedBatchSerializer();

    /** Whether relations of these column types are cached here (else by Spark's default serializer). */
    public static boolean stores(StructType schema) {
        List<DataType> types = new ArrayList<>();
        for (StructField f : schema.fields()) {
            types.add(f.dataType());
        }
        return ValueKind.all(types);
    }

    private static boolean stores(Seq<Attribute> attributes) {
        return ValueKind.all(types(attributes));
    }

    @Override
    public boolean supportsColumnarInput(Seq<Attribute> schema) {
        return stores(schema);
    }

    @Override
    public boolean supportsColumnarOutput(StructType schema) {
        return stores(schema);
    }

    @Override
    public Option<Seq<String>> vectorTypes(Seq<Attribute> attributes, SQLConf conf) {
        if (!stores(attributes)) {
            return fallback.vectorTypes(attributes, conf);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            names.add(CachedColumnVector.class.getName());
        }
        return new Some<>(CollectionConverters.asScala(names).toList());
    }

    @Override
    public RDD<CachedBatch> convertInternalRowToCachedBatch(
            RDD<InternalRow> input, Seq<Attribute> schema, StorageLevel storageLevel, SQLConf conf) {
        if (!stores(schema)) {
            return fallback.convertInternalRowToCachedBatch(input, schema, storageLevel, conf);
        }
        return input.mapPartitionsInternal(
                PartitionEncoder.rows(typeArray(schema), conf.columnBatchSize(), MAX_BATCH_BYTES), false, CACHED);
    }

    @Override
    public RDD<CachedBatch> convertColumnarBatchToCachedBatch(
            RDD<ColumnarBatch> input, Seq<Attribute> schema, StorageLevel storageLevel, SQLConf conf) {
        if (!stores(schema)) {
            return fallback.convertColumnarBatchToCachedBatch(input, schema, storageLevel, conf);
        }
        return input.mapPartitionsInternal(
                PartitionEncoder.batches(typeArray(schema), conf.columnBatchSize(), MAX_BATCH_BYTES), false, CACHED);
    }

    /** Every batch, whatever the predicates: no statistics are kept (Spark's default applies for others). */
    @Override
    public scala.Function2<Object, Iterator<CachedBatch>, Iterator<CachedBatch>> buildFilter(
            Seq<Expression> predicates, Seq<Attribute> cachedAttributes) {
        if (!stores(cachedAttributes)) {
            return fallback.buildFilter(predicates, cachedAttributes);
        }
        return new KeepAll();
    }

    @Override
    public RDD<ColumnarBatch> convertCachedBatchToColumnarBatch(
            RDD<CachedBatch> input, Seq<Attribute> cacheAttributes, Seq<Attribute> selectedAttributes, SQLConf conf) {
        if (!stores(cacheAttributes)) {
            return fallback.convertCachedBatchToColumnarBatch(input, cacheAttributes, selectedAttributes, conf);
        }
        return input.mapPartitionsInternal(
                PartitionDecoder.batches(ordinals(cacheAttributes, selectedAttributes), typeArray(selectedAttributes)),
                false,
                ClassTag$.MODULE$.apply(ColumnarBatch.class));
    }

    @Override
    public RDD<InternalRow> convertCachedBatchToInternalRow(
            RDD<CachedBatch> input, Seq<Attribute> cacheAttributes, Seq<Attribute> selectedAttributes, SQLConf conf) {
        if (!stores(cacheAttributes)) {
            return fallback.convertCachedBatchToInternalRow(input, cacheAttributes, selectedAttributes, conf);
        }
        return input.mapPartitionsInternal(
                PartitionDecoder.rows(ordinals(cacheAttributes, selectedAttributes), typeArray(selectedAttributes)),
                false,
                ClassTag$.MODULE$.apply(InternalRow.class));
    }

    /** Where each selected attribute is among the cached ones. */
    static int[] ordinals(Seq<Attribute> cached, Seq<Attribute> selected) {
        List<Attribute> all = CollectionConverters.asJava(cached);
        List<Attribute> wanted = CollectionConverters.asJava(selected);
        int[] at = new int[wanted.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = -1;
            for (int j = 0; j < all.size(); j++) {
                if (all.get(j).exprId().equals(wanted.get(i).exprId())) {
                    at[i] = j;
                    break;
                }
            }
            if (at[i] < 0) {
                throw new IllegalArgumentException("not a cached column: " + wanted.get(i));
            }
        }
        return at;
    }

    private static List<DataType> types(Seq<Attribute> attributes) {
        return CollectionConverters.asJava(attributes).stream()
                .map(Attribute::dataType)
                .toList();
    }

    private static DataType[] typeArray(Seq<Attribute> attributes) {
        return types(attributes).toArray(DataType[]::new);
    }

    private static final class KeepAll extends AbstractFunction2<Object, Iterator<CachedBatch>, Iterator<CachedBatch>>
            implements java.io.Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<CachedBatch> apply(Object partition, Iterator<CachedBatch> batches) {
            return batches;
        }
    }
}
