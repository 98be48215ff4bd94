package org.sparkxqa.spark.gpureader;

import ai.rapids.cudf.ColumnWriterOptions;
import ai.rapids.cudf.CompressionType;
import ai.rapids.cudf.ParquetOptions;
import ai.rapids.cudf.ParquetWriterOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How the GPU reader reads a request table with cuDF and writes it back with {@code out}: BINARY
 * columns as LIST&lt;UINT8&gt; (cuDF would read them as strings otherwise), {@code ARRAY<INT>} as
 * LIST&lt;INT32&gt;, flat primitive and string columns as they are. Built on the driver from the
 * table's Spark schema, which is checked there (q, k, v BINARY; tree, if any, ARRAY&lt;INT&gt;; every
 * other column of a supported type), then shipped to tasks. Immutable.
 *
 * @param names the input columns, in order
 * @param binary which of them are BINARY
 * @param intLists which of them are ARRAY&lt;INT&gt;
 */
public record ParquetLayout(List<String> names, List<Boolean> binary, List<Boolean> intLists) implements Serializable {
    private static final List<DataType> FLAT = List.of(
            DataTypes.LongType,
            DataTypes.IntegerType,
            DataTypes.ShortType,
            DataTypes.ByteType,
            DataTypes.BooleanType,
            DataTypes.FloatType,
            DataTypes.DoubleType,
            DataTypes.StringType);
    /** The output column's name. */
    public static final String OUT = "out";
    /** The column of reasons under {@code onInvalidRow=null}. */
    public static final String ERROR = "xqa_error";

    /** @throws IllegalArgumentException naming the column and its type when the table cannot be read this way */
    public static ParquetLayout of(StructType schema, String treeColumn) {
        List<String> names = new ArrayList<>();
        List<Boolean> binary = new ArrayList<>();
        List<Boolean> lists = new ArrayList<>();
        for (StructField f : schema.fields()) {
            boolean isBinary = f.dataType() instanceof BinaryType;
            boolean isIntList =
                    f.dataType() instanceof ArrayType a && a.elementType().equals(DataTypes.IntegerType);
            if (!isBinary && !isIntList && !FLAT.contains(f.dataType())) {
                throw new IllegalArgumentException("the GPU reader cannot carry column '" + f.name() + "' of type "
                        + f.dataType().simpleString()
                        + ": supported are binary, array<int>, string and flat numeric types");
            }
            names.add(f.name());
            binary.add(isBinary);
            lists.add(isIntList);
        }
        ParquetLayout layout = new ParquetLayout(List.copyOf(names), List.copyOf(binary), List.copyOf(lists));
        for (String c : List.of("q", "k", "v")) {
            if (!names.contains(c) || !binary.get(names.indexOf(c))) {
                throw new IllegalArgumentException(
                        "the input needs a BINARY column '" + c + "' (has: " + schema.simpleString() + ")");
            }
        }
        for (String added : List.of(OUT, ERROR)) {
            if (names.contains(added)) {
                throw new IllegalArgumentException("the input already has a column '" + added + "'");
            }
        }
        if (names.contains(treeColumn) && !lists.get(names.indexOf(treeColumn))) {
            throw new IllegalArgumentException(
                    "the GPU reader reads the tree '" + treeColumn + "' as array<int> parents");
        }
        return layout;
    }

    /** Index of {@code name} among the input columns, or -1. */
    public int index(String name) {
        return names.indexOf(name);
    }

    ParquetOptions readOptions() {
        ParquetOptions.Builder b = ParquetOptions.builder();
        for (int i = 0; i < names.size(); i++) {
            b.includeColumn(names.get(i), binary.get(i));
        }
        return b.build();
    }

    /**
     * The input's columns, then {@code out}, then (with {@code errors}) {@code xqa_error}; uncompressed
     * and without dictionaries, as the request files are ({@code RequestFiles}): K/V and outputs are
     * unique values that neither compress nor repeat, so both would cost device time for nothing.
     */
    ParquetWriterOptions writeOptions(boolean errors) {
        ParquetWriterOptions.Builder b = ParquetWriterOptions.builder()
                .withCompressionType(CompressionType.NONE)
                .withDictionaryPolicy(ParquetWriterOptions.DictionaryPolicy.NEVER);
        for (int i = 0; i < names.size(); i++) {
            if (binary.get(i)) {
                b.withBinaryColumn(names.get(i), true);
            } else if (intLists.get(i)) {
                b.withListColumn(ColumnWriterOptions.listBuilder(names.get(i), true)
                        .withNullableColumns("element")
                        .build());
            } else {
                b.withNullableColumns(names.get(i));
            }
        }
        b.withBinaryColumn(OUT, true);
        if (errors) {
            b.withNullableColumns(ERROR);
        }
        return b.build();
    }
}
