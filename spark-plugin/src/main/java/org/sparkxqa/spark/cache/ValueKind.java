package org.sparkxqa.spark.cache;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DayTimeIntervalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.sql.types.YearMonthIntervalType;

/**
 * The column types {@link XqaCachedBatchSerializer} stores as buffers, and how: fixed-width values
 * (boolean and byte 1 byte, short 2, int, float, date and year-month interval 4, long, double,
 * timestamp, timestamp without time zone and day-time interval 8) back to back; STRING and BINARY as
 * their bytes back to back with offsets; ARRAY of any of these (arrays of arrays too) as offsets into
 * a child column. Decimal, struct, map, variant, calendar interval and the rest are not stored: a
 * relation with such a column is cached by Spark's default serializer. Stateless.
 */
enum ValueKind {
    BOOLEAN(1),
    BYTE(1),
    SHORT(2),
    INT(4),
    LONG(8),
    FLOAT(4),
    DOUBLE(8),
    STRING(0),
    BINARY(0),
    ARRAY(0);

    /** Bytes per value for the fixed-width kinds; 0 for the others. */
    final int width;

    ValueKind(int width) {
        this.width = width;
    }

    /** Whether values are fixed-width (stored without offsets). */
    boolean fixed() {
        return width > 0;
    }

    /** Whether values are bytes with offsets (STRING, BINARY). */
    boolean bytes() {
        return this == STRING || this == BINARY;
    }

    /** How {@code type} is stored, or null when it is not stored (nor is any array of it). */
    static ValueKind of(DataType type) {
        if (type instanceof BooleanType) {
            return BOOLEAN;
        } else if (type instanceof ByteType) {
            return BYTE;
        } else if (type instanceof ShortType) {
            return SHORT;
        } else if (type instanceof IntegerType || type instanceof DateType || type instanceof YearMonthIntervalType) {
            return INT;
        } else if (type instanceof LongType
                || type instanceof TimestampType
                || type instanceof TimestampNTZType
                || type instanceof DayTimeIntervalType) {
            return LONG;
        } else if (type instanceof FloatType) {
            return FLOAT;
        } else if (type instanceof DoubleType) {
            return DOUBLE;
        } else if (type instanceof StringType) {
            return STRING;
        } else if (type instanceof BinaryType) {
            return BINARY;
        } else if (type instanceof ArrayType a && of(a.elementType()) != null) {
            return ARRAY;
        }
        return null;
    }

    /** Whether every one of {@code types} is stored. */
    static boolean all(Iterable<DataType> types) {
        for (DataType t : types) {
            if (of(t) == null) {
                return false;
            }
        }
        return true;
    }

    /** The element type of an ARRAY column's type. */
    static DataType element(DataType type) {
        return ((ArrayType) type).elementType();
    }
}
