package org.sparkxqa.spark.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.columnar.CachedBatch;
import org.apache.spark.sql.execution.vectorized.OffHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Cutting and filling cached batches without Spark running: from rows and from on- and off-heap
 * column vectors (split over two input batches) the same cuts at the row and byte budgets and the
 * same values, a value larger than the budget in a batch of its own, and an honest size.
 */
class BatchBuilderTest {
    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType)
            .add("b", DataTypes.BinaryType)
            .add("tree", DataTypes.createArrayType(DataTypes.IntegerType))
            .add("s", DataTypes.StringType);
    static final DataType[] TYPES = {
        DataTypes.LongType, DataTypes.BinaryType, DataTypes.createArrayType(DataTypes.IntegerType), DataTypes.StringType
    };
    static final int ROWS = 25;

    @Test
    void rowsAndVectorsAreCutAlikeAtTheRowAndByteBudgetsWithTheSameValues() {
        List<InternalRow> rows = rows(new Random(3), 100);
        List<InternalRow> expected = unsafe(rows);
        for (long maxBytes : new long[] {1000, 1L << 20}) {
            for (int maxRows : new int[] {4, 1000}) {
                List<CachedBatch> fromRows = fromRows(rows, maxRows, maxBytes);
                assertEquals(cuts(rows, maxRows, maxBytes), counts(fromRows), "rows, " + maxRows + "/" + maxBytes);
                assertEquals(expected, BatchRows.of(fromRows, SCHEMA));
                for (boolean offHeap : new boolean[] {false, true}) {
                    List<CachedBatch> fromVectors = fromVectors(rows, maxRows, maxBytes, offHeap);
                    String what = (offHeap ? "off" : "on") + "-heap vectors, " + maxRows + "/" + maxBytes;
                    assertEquals(counts(fromRows), counts(fromVectors), what);
                    assertEquals(expected, BatchRows.of(fromVectors, SCHEMA), what);
                }
            }
        }
    }

    @Test
    void aValueLargerThanTheBudgetIsABatchOfItsOwnAndTheSizeIsHonest() {
        List<InternalRow> rows = rows(new Random(5), 100);
        rows.set(10, row(10, new byte[5000], new int[0], "big"));
        List<CachedBatch> batches = fromRows(rows, 1000, 1000);
        assertEquals(cuts(rows, 1000, 1000), counts(batches));
        int at = 0;
        for (CachedBatch b : batches) {
            long used = 0;
            for (int r = at; r < at + b.numRows(); r++) {
                for (int c = 0; c < TYPES.length; c++) {
                    used += ValueBytes.of(rows.get(r), c, ValueKind.of(TYPES[c]), TYPES[c]);
                }
            }
            if (at == 10) {
                assertEquals(1, b.numRows(), "the 5000-byte row alone");
            }
            assertTrue(
                    b.sizeInBytes() >= used && b.sizeInBytes() <= used * 17 / 16 + 64,
                    "size " + b.sizeInBytes() + " for " + used + " bytes of values");
            at += b.numRows();
        }
    }

    private static List<InternalRow> rows(Random rnd, int binaryBytes) {
        List<InternalRow> rows = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            byte[] b = r % 9 == 5 ? null : new byte[r % 9 == 6 ? 0 : rnd.nextInt(binaryBytes)];
            if (b != null) {
                rnd.nextBytes(b);
            }
            int[] tree = r % 7 == 3 ? null : new int[r % 4];
            for (int i = 0; tree != null && i < tree.length; i++) {
                tree[i] = i - 1;
            }
            rows.add(row(r, b, tree, r % 5 == 0 ? null : "s" + "é".repeat(r)));
        }
        return rows;
    }

    private static InternalRow row(long id, byte[] b, int[] tree, String s) {
        Object[] parents = null;
        if (tree != null) {
            parents = new Object[tree.length];
            for (int i = 0; i < tree.length; i++) {
                parents[i] = i == 2 ? null : tree[i];
            }
        }
        return new GenericInternalRow(new Object[] {
            id, b, parents == null ? null : new GenericArrayData(parents), s == null ? null : UTF8String.fromString(s)
        });
    }

    /** Where the builder must cut: a batch closes once it holds maxRows rows or at least maxBytes bytes. */
    private static List<Integer> cuts(List<InternalRow> rows, int maxRows, long maxBytes) {
        List<Integer> counts = new ArrayList<>();
        int n = 0;
        long bytes = 0;
        for (InternalRow row : rows) {
            for (int c = 0; c < TYPES.length; c++) {
                bytes += ValueBytes.of(row, c, ValueKind.of(TYPES[c]), TYPES[c]);
            }
            if (++n >= maxRows || bytes >= maxBytes) {
                counts.add(n);
                n = 0;
                bytes = 0;
            }
        }
        if (n > 0) {
            counts.add(n);
        }
        return counts;
    }

    private static List<Integer> counts(List<CachedBatch> batches) {
        return batches.stream().map(CachedBatch::numRows).toList();
    }

    private static List<CachedBatch> fromRows(List<InternalRow> rows, int maxRows, long maxBytes) {
        return collect(
                PartitionEncoder.rows(TYPES, maxRows, maxBytes).apply(CollectionConverters.asScala(rows.iterator())));
    }

    /** The rows as two input batches of vectors (13 and 12 rows), each filled as the Parquet reader fills them. */
    private static List<CachedBatch> fromVectors(List<InternalRow> rows, int maxRows, long maxBytes, boolean offHeap) {
        List<ColumnarBatch> in =
                List.of(vectors(rows.subList(0, 13), offHeap), vectors(rows.subList(13, ROWS), offHeap));
        try {
            return collect(PartitionEncoder.batches(TYPES, maxRows, maxBytes)
                    .apply(CollectionConverters.asScala(in.iterator())));
        } finally {
            in.forEach(ColumnarBatch::close);
        }
    }

    private static ColumnarBatch vectors(List<InternalRow> rows, boolean offHeap) {
        WritableColumnVector[] v = new WritableColumnVector[TYPES.length];
        for (int c = 0; c < TYPES.length; c++) {
            v[c] = offHeap
                    ? new OffHeapColumnVector(rows.size(), TYPES[c])
                    : new OnHeapColumnVector(rows.size(), TYPES[c]);
        }
        for (int r = 0; r < rows.size(); r++) {
            InternalRow row = rows.get(r);
            v[0].putLong(r, row.getLong(0));
            if (row.isNullAt(1)) {
                v[1].putNull(r);
            } else {
                v[1].putByteArray(r, row.getBinary(1));
            }
            if (row.isNullAt(2)) {
                v[2].putNull(r);
            } else {
                int start = v[2].arrayData().getElementsAppended();
                int n = row.getArray(2).numElements();
                for (int i = 0; i < n; i++) {
                    if (row.getArray(2).isNullAt(i)) {
                        v[2].arrayData().appendNull();
                    } else {
                        v[2].arrayData().appendInt(row.getArray(2).getInt(i));
                    }
                }
                v[2].putArray(r, start, n);
            }
            if (row.isNullAt(3)) {
                v[3].putNull(r);
            } else {
                v[3].putByteArray(r, row.getUTF8String(3).toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return new ColumnarBatch(v, rows.size());
    }

    private static List<CachedBatch> collect(scala.collection.Iterator<CachedBatch> batches) {
        List<CachedBatch> out = new ArrayList<>();
        while (batches.hasNext()) {
            out.add(batches.next());
        }
        return out;
    }

    private static List<InternalRow> unsafe(List<InternalRow> rows) {
        UnsafeProjection p = UnsafeProjection.create(SCHEMA);
        return rows.stream().<InternalRow>map(r -> p.apply(r).copy()).toList();
    }
}
