package org.sparkxqa.spark.job.data;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.StructType;
import org.sparkxqa.spark.eval.RequestInput;
import org.sparkxqa.spark.job.error.UserInputException;

/**
 * Where the canonical columns (docs/DESIGN.md §2) sit in a table, checked before any Spark work, and how
 * a {@link Row} becomes a {@link RequestInput} (for {@code verify}). {@code id} is optional (rows are
 * then named by partition and position); {@code tree} may be ARRAY&lt;INT&gt;, a BINARY packed mask, or
 * absent (all chains). Immutable. Public for its column names; resolving and reading stay with this
 * package's evaluation and verification.
 */
public final class RequestColumns {
    static final String ID = "id";
    static final String Q = "q";
    static final String K = "k";
    static final String V = "v";
    /** The default draft-tree column. */
    public static final String TREE = "tree";

    static final String OUT = "out";
    static final String ERROR = "xqa_error";

    private final StructType input;
    private final int id;
    private final int q;
    private final int k;
    private final int v;
    private final int tree;
    private final boolean treeIsPackedMask;

    private RequestColumns(StructType input, String treeColumn, boolean treeRequired) {
        this.input = input;
        this.id = Arrays.asList(input.fieldNames()).indexOf(ID);
        this.q = binary(input, Q);
        this.k = binary(input, K);
        this.v = binary(input, V);
        this.tree = Arrays.asList(input.fieldNames()).indexOf(treeColumn);
        if (tree < 0 && treeRequired) {
            throw new UserInputException("input has no tree column '" + treeColumn + "'; columns are "
                    + Arrays.toString(input.fieldNames()));
        }
        DataType treeType = tree < 0 ? null : input.fields()[tree].dataType();
        this.treeIsPackedMask = treeType instanceof BinaryType;
        if (treeType != null
                && !treeIsPackedMask
                && !(treeType instanceof ArrayType a && a.elementType() instanceof IntegerType)) {
            throw new UserInputException("tree column '" + treeColumn + "' is " + treeType.sql()
                    + "; expected ARRAY<INT> (parents) or BINARY (packed mask)");
        }
    }

    /**
     * @param treeColumn name of the draft-tree column
     * @param treeRequired whether a missing tree column is an error (it was named explicitly)
     * @throws UserInputException when q, k or v is missing or not BINARY, or the tree column has a bad type
     */
    static RequestColumns resolve(StructType input, String treeColumn, boolean treeRequired) {
        return new RequestColumns(input, treeColumn, treeRequired);
    }

    /** Whether the input has the tree column (else every request is a chain). */
    boolean hasTree() {
        return tree >= 0;
    }

    /** @throws UserInputException when the input already has one of these (output) columns */
    void requireAbsent(List<String> names) {
        for (String name : names) {
            if (Arrays.asList(input.fieldNames()).contains(name)) {
                throw new UserInputException(
                        "input already has a column named '" + name + "'; rename or drop it first");
            }
        }
    }

    /** The request data of a row; {@code partition}/{@code position} name it when there is no id column. */
    RequestInput read(Row row, int partition, long position) {
        String rowId = id >= 0 ? "id=" + row.get(id) : "at position " + position + " of partition " + partition;
        byte[] packed = null;
        int[] parents = null;
        if (tree >= 0 && !row.isNullAt(tree)) {
            if (treeIsPackedMask) {
                packed = (byte[]) row.get(tree);
            } else {
                List<Integer> list = row.getList(tree);
                parents = new int[list.size()];
                for (int t = 0; t < parents.length; t++) {
                    if (list.get(t) == null) {
                        return RequestInput.unreadable(rowId, "tree[" + t + "] is NULL");
                    }
                    parents[t] = list.get(t);
                }
            }
        }
        return new RequestInput(
                rowId, (byte[]) row.get(q), (byte[]) row.get(k), (byte[]) row.get(v), parents, packed, null);
    }

    private static int binary(StructType input, String name) {
        int index = Arrays.asList(input.fieldNames()).indexOf(name);
        if (index < 0) {
            throw new UserInputException(
                    "input has no column '" + name + "' (BINARY); columns are " + Arrays.toString(input.fieldNames()));
        }
        if (!(input.fields()[index].dataType() instanceof BinaryType)) {
            throw new UserInputException("column '" + name + "' is "
                    + input.fields()[index].dataType().sql() + ", expected BINARY");
        }
        return index;
    }
}
