package org.sparkxqa.spark.source;

import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;

/**
 * The fixed-width Spark types this reader decodes, and how one Parquet value of each goes into a Spark
 * vector: BOOLEAN, TINYINT, SMALLINT, INT and DATE from Parquet INT32 (BOOLEAN from BOOLEAN), BIGINT
 * from INT64, FLOAT and DOUBLE from their own types. Stateless.
 */
final class PrimitiveValues {
    private PrimitiveValues() {}

    /** Whether {@code type} is one of the fixed-width types above. */
    static boolean supports(DataType type) {
        return physical(type) != null;
    }

    /** The Parquet type a column of {@code type} must have, or null when {@code type} is not one of them. */
    static PrimitiveTypeName physical(DataType type) {
        if (type instanceof BooleanType) {
            return PrimitiveTypeName.BOOLEAN;
        }
        if (type instanceof ByteType
                || type instanceof ShortType
                || type instanceof IntegerType
                || type instanceof DateType) {
            return PrimitiveTypeName.INT32;
        }
        if (type instanceof LongType) {
            return PrimitiveTypeName.INT64;
        }
        if (type instanceof FloatType) {
            return PrimitiveTypeName.FLOAT;
        }
        return type instanceof DoubleType ? PrimitiveTypeName.DOUBLE : null;
    }

    /** Appends {@code reader}'s current value, of Spark type {@code type}, to {@code vector}. */
    static void append(WritableColumnVector vector, ColumnReader reader, DataType type) {
        if (type instanceof BooleanType) {
            vector.appendBoolean(reader.getBoolean());
        } else if (type instanceof ByteType) {
            vector.appendByte((byte) reader.getInteger());
        } else if (type instanceof ShortType) {
            vector.appendShort((short) reader.getInteger());
        } else if (type instanceof IntegerType || type instanceof DateType) {
            vector.appendInt(reader.getInteger());
        } else if (type instanceof LongType) {
            vector.appendLong(reader.getLong());
        } else if (type instanceof FloatType) {
            vector.appendFloat(reader.getFloat());
        } else {
            vector.appendDouble(reader.getDouble());
        }
    }
}
