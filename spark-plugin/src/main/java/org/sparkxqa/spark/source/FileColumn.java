package org.sparkxqa.spark.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One column of the table, found in one Parquet file: the Spark field, the file's leaf column that
 * holds its values, and for an array the definition level at which a row's array is present. Fields
 * are matched to the file's top-level fields by name, exactly or else ignoring case (as Spark does by
 * default). Immutable.
 *
 * @param listLevel definition level of a present array (empty or not); -1 for other types
 */
record FileColumn(StructField field, ColumnDescriptor leaf, int listLevel) {

    /**
     * The columns of {@code schema} (of types {@link SupportedTypes} accepts) in the file whose
     * schema is {@code file}.
     *
     * @throws IllegalArgumentException naming the field when the file lacks it or stores it otherwise
     */
    static List<FileColumn> resolve(StructType schema, MessageType file) {
        List<FileColumn> columns = new ArrayList<>();
        for (StructField f : schema.fields()) {
            String name = fileName(file, f.name());
            List<ColumnDescriptor> leaves = new ArrayList<>();
            for (ColumnDescriptor c : file.getColumns()) {
                if (c.getPath()[0].equals(name)) {
                    leaves.add(c);
                }
            }
            ColumnDescriptor leaf = leaves.size() == 1 ? leaves.getFirst() : null;
            boolean array = f.dataType() instanceof ArrayType;
            String problem = leaf == null
                    ? leaves.size() + " leaf columns"
                    : SupportedTypes.storageProblem(
                            f.dataType(), leaf.getPrimitiveType(), leaf.getMaxRepetitionLevel());
            if (problem != null) {
                throw new IllegalArgumentException("column " + f.name() + " ("
                        + f.dataType().simpleString() + ") is stored as " + file.getType(name) + ": " + problem);
            }
            columns.add(new FileColumn(f, leaf, array ? file.getMaxDefinitionLevel(name) : -1));
        }
        return columns;
    }

    private static String fileName(MessageType file, String name) {
        for (Type t : file.getFields()) {
            if (t.getName().equals(name)) {
                return name;
            }
        }
        for (Type t : file.getFields()) {
            if (t.getName().equalsIgnoreCase(name)) {
                return t.getName();
            }
        }
        throw new IllegalArgumentException("column " + name + " is not in the file (its columns: " + names(file) + ")");
    }

    private static String names(MessageType file) {
        List<String> names = new ArrayList<>();
        file.getFields().forEach(t -> names.add(t.getName()));
        return String.join(", ", names);
    }
}
