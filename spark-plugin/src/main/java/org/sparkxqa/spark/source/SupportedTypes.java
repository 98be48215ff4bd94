package org.sparkxqa.spark.source;

import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The column types the request reader reads: BINARY and STRING (as views of the pages), the
 * fixed-width types of {@link PrimitiveValues}, and arrays of those (a draft tree). Tables with other
 * types (decimals, timestamps, structs, maps, nested arrays) are read with Spark's own Parquet
 * source. Stateless.
 */
final class SupportedTypes {
    static final String LIST =
            "BINARY, STRING, BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DATE and arrays of the fixed-width ones";

    private SupportedTypes() {}

    /** Why the reader cannot read {@code schema}, naming the first column it cannot read; null when it can. */
    static String unsupported(StructType schema) {
        for (StructField f : schema.fields()) {
            if (!supports(f.dataType())) {
                return "column " + f.name() + " is " + f.dataType().simpleString()
                        + "; the Spark XQA request reader reads " + LIST;
            }
        }
        return null;
    }

    private static boolean supports(DataType type) {
        if (type instanceof ArrayType a) {
            return PrimitiveValues.supports(a.elementType());
        }
        return binary(type) || PrimitiveValues.supports(type);
    }

    /**
     * Why a leaf column of Parquet type {@code leaf}, repeated {@code maxRepetition} deep, cannot hold
     * values of the Spark type {@code type}; null when it can.
     */
    static String storageProblem(DataType type, PrimitiveType leaf, int maxRepetition) {
        boolean array = type instanceof ArrayType;
        DataType values = array ? ((ArrayType) type).elementType() : type;
        if (maxRepetition != (array ? 1 : 0)) {
            return "repeated " + maxRepetition + " deep, expected " + (array ? 1 : 0);
        }
        PrimitiveTypeName expected = binary(values) ? PrimitiveTypeName.BINARY : PrimitiveValues.physical(values);
        if (leaf.getPrimitiveTypeName() != expected) {
            return "its values are " + leaf.getPrimitiveTypeName() + ", expected " + expected;
        }
        return null;
    }

    private static boolean binary(DataType type) {
        return type instanceof BinaryType || type instanceof StringType;
    }
}
