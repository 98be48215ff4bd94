package org.sparkxqa.spark.cache;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.columnar.CachedBatch;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;

/** The rows of cached batches as copied {@code UnsafeRow}s, read through {@link PartitionDecoder}. */
final class BatchRows {
    private BatchRows() {}

    static List<InternalRow> of(CachedBatch batch, StructType schema) {
        return of(List.of(batch), schema);
    }

    static List<InternalRow> of(List<? extends CachedBatch> batches, StructType schema) {
        int[] all = new int[schema.length()];
        DataType[] types = new DataType[schema.length()];
        StructField[] fields = schema.fields();
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
            types[i] = fields[i].dataType();
        }
        Iterator<InternalRow> rows = PartitionDecoder.rows(all, types)
                .apply(CollectionConverters.asScala(new ArrayList<CachedBatch>(batches).iterator()));
        List<InternalRow> out = new ArrayList<>();
        while (rows.hasNext()) {
            out.add(rows.next().copy());
        }
        return out;
    }
}
