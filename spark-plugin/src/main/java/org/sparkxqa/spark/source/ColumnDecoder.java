package org.sparkxqa.spark.source;

import java.nio.ByteBuffer;
import org.apache.parquet.column.ColumnReader;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.vectorized.ColumnVector;

/**
 * Turns one Parquet column chunk (a row group's values of one column, read through parquet-mr's
 * {@link ColumnReader}, which handles every encoding, dictionary and compression codec) into a Spark
 * column vector. BINARY and STRING values stay where the pages hold them ({@link BufferBinaryVector});
 * fixed-width values ({@link PrimitiveValues}) and arrays of them are appended to an on-heap vector.
 * A value is present when its definition level is the column's maximum; an array starts at
 * repetition level 0, is NULL below its own definition level {@code listLevel} and empty at it.
 * Stateless.
 */
final class ColumnDecoder {
    private ColumnDecoder() {}

    /**
     * The vector of {@code rows} rows of {@code column}'s chunk in {@code reader}.
     *
     * @throws IllegalStateException when the chunk holds another number of rows
     */
    static ColumnVector decode(FileColumn column, ColumnReader reader, int rows) {
        DataType type = column.field().dataType();
        int maxDef = column.leaf().getMaxDefinitionLevel();
        if (type instanceof ArrayType a) {
            return arrays(reader, a, column.listLevel(), maxDef, rows);
        }
        if (PrimitiveValues.supports(type)) {
            WritableColumnVector out = new OnHeapColumnVector(rows, type);
            for (int r = 0; r < rows; r++, reader.consume()) {
                if (reader.getCurrentDefinitionLevel() == maxDef) {
                    PrimitiveValues.append(out, reader, type);
                } else {
                    out.appendNull();
                }
            }
            return out;
        }
        ByteBuffer[] values = new ByteBuffer[rows];
        for (int r = 0; r < rows; r++, reader.consume()) {
            if (reader.getCurrentDefinitionLevel() == maxDef) {
                values[r] = reader.getBinary().toByteBuffer();
            }
        }
        return new BufferBinaryVector(type, values);
    }

    private static ColumnVector arrays(ColumnReader reader, ArrayType type, int listLevel, int maxDef, int rows) {
        OnHeapColumnVector out = new OnHeapColumnVector(rows, type);
        WritableColumnVector elements = out.arrayData();
        DataType element = type.elementType();
        long entries = reader.getTotalValueCount();
        int row = -1;
        int start = 0;
        for (long i = 0; i < entries; i++, reader.consume()) {
            int def = reader.getCurrentDefinitionLevel();
            if (reader.getCurrentRepetitionLevel() == 0) {
                close(out, row, start, elements.getElementsAppended());
                if (++row == rows) {
                    throw new IllegalStateException("the column holds more rows than its row group, " + rows);
                }
                start = elements.getElementsAppended();
                if (def < listLevel) {
                    out.putNull(row);
                }
            }
            if (def > listLevel) {
                if (def == maxDef) {
                    PrimitiveValues.append(elements, reader, element);
                } else {
                    elements.appendNull();
                }
            }
        }
        close(out, row, start, elements.getElementsAppended());
        if (row + 1 != rows) {
            throw new IllegalStateException("the column holds " + (row + 1) + " rows, its row group " + rows);
        }
        return out;
    }

    private static void close(OnHeapColumnVector out, int row, int start, int end) {
        if (row >= 0 && !out.isNullAt(row)) {
            out.putArray(row, start, end - start);
        }
    }
}
