package org.sparkxqa.spark.sql.exec;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * A row the heap cannot copy fails with a message naming the row, its size, the heap limit and the
 * settings to change (the JVM's {@link OutOfMemoryError} is injected: the real one needs a row of
 * about a quarter of the heap).
 */
class RowHeapLimitTest {
    @Test
    void runningOutOfHeapWhileCopyingARowNamesItsPositionSizeAndTheSettings() {
        OutOfMemoryError jvm = new OutOfMemoryError("Java heap space");
        RowReader reader = new RowReader(
                row -> {
                    throw jvm;
                },
                DataTypes.createArrayType(DataTypes.IntegerType),
                DataTypes.LongType,
                3);
        UnsafeRow row = binaryRow(new byte[4096]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader.read(row));
        assertNull(e.getCause(), "no OutOfMemoryError among the causes, or Spark kills the executor");
        String m = e.getMessage();
        assertTrue(m.startsWith("the row at position 0 of partition 3 (" + row.getSizeInBytes() + " bytes)"), m);
        assertTrue(m.contains("copying its q, k and v for the backend"), m);
        assertTrue(m.contains("max " + Runtime.getRuntime().maxMemory() / (1L << 20) + " MiB"), m);
        assertTrue(m.contains("spark.executor.memory") && m.contains("spark.sql.columnVector.offheap.enabled"), m);
        assertTrue(m.endsWith("JVM: Java heap space"), m);
    }

    @Test
    void aRowOfUnknownSizeSaysWhatToGiveInGeneral() {
        String m = RowHeapLimit.exceeded("id=7", -1, "building its output row", new OutOfMemoryError("x"))
                .getMessage();
        assertTrue(m.startsWith("id=7: the Java heap"), m);
        assertTrue(m.contains("at least 4 x the largest row + 1 GiB"), m);
        String sized = RowHeapLimit.exceeded("id=7", 512L << 20, "building its output row", new OutOfMemoryError("x"))
                .getMessage();
        assertTrue(sized.contains("at least 3072 MiB (4 x the row + 1 GiB)"), sized);
    }

    private static UnsafeRow binaryRow(byte[] value) {
        DataType[] types = {DataTypes.BinaryType};
        InternalRow generic = new org.apache.spark.sql.catalyst.expressions.GenericInternalRow(new Object[] {value});
        return UnsafeProjection.create(types).apply(generic).copy();
    }
}
