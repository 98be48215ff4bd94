package org.sparkxqa.spark.sql.columnar;

import java.lang.foreign.MemorySegment;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.BinaryView;

/**
 * The bytes of a BINARY value in a column vector as a {@link MemorySegment} that views the vector's own
 * memory where the vector allows it. Spark's vectors ({@link WritableColumnVector}, on-heap and
 * off-heap, as the Parquet reader fills them) keep all values of a column back to back and hand out a
 * {@link BinaryView} over them without copying, and so do the cache's vectors
 * ({@code org.sparkxqa.spark.cache.CachedColumnVector}); its base object and offset locate the bytes.
 * Other vectors (Arrow, constants, dictionary-encoded values) give a copy. Consecutive rows of one
 * vector therefore give neighbouring views, which the GPU backend packs as one copy. A view is valid
 * until the vector is reset or closed. Stateless.
 */
public final class BinaryViews {
    private BinaryViews() {}

    /** Row {@code row} of {@code vector} (a BINARY column), or null when the value is NULL. */
    public static MemorySegment of(ColumnVector vector, int row) {
        if (vector.isNullAt(row)) {
            return null;
        }
        BinaryView s = vector.getBinaryView(row);
        Object base = s.getBaseObject();
        if (base == null) {
            return MemorySegment.ofAddress(s.getBaseOffset()).reinterpret(s.numBytes());
        }
        if (base instanceof byte[] array) {
            return MemorySegment.ofArray(array).asSlice(s.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET, s.numBytes());
        }
        return MemorySegment.ofArray(vector.getBinary(row));
    }
}
