package org.sparkxqa.core.gpu.cudf;

import ai.rapids.cudf.ColumnVector;
import ai.rapids.cudf.ColumnView;
import ai.rapids.cudf.DType;
import ai.rapids.cudf.HostColumnVector;
import java.util.List;

/**
 * What {@link CudfAttention} brings to the host to plan and check a launch: the columns' types, the
 * LIST offsets (4 bytes a row), the null flags (only of a column that has nulls) and the draft trees.
 * Stateless.
 */
final class ListColumnsHost {
    private ListColumnsHost() {}

    static void requireBytes(ColumnView c, long rows) {
        boolean bytes = c.getType() == DType.LIST;
        if (bytes) {
            try (ColumnView child = c.getChildColumnView(0)) {
                bytes = child.getType() == DType.UINT8;
            }
        }
        if (!bytes || c.getRowCount() != rows) {
            throw new IllegalArgumentException("q, k and v must be LIST<UINT8> columns of " + rows + " rows, got "
                    + c.getType() + " of " + c.getRowCount() + " rows");
        }
    }

    static int[] offsets(ColumnView list) {
        try (ColumnView view = list.getListOffsetsView();
                HostColumnVector host = view.copyToHost()) {
            int[] out = new int[(int) host.getRowCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = host.getInt(i);
            }
            return out;
        }
    }

    /** Which rows of {@code c} are NULL (all false without a copy when it has none). */
    static boolean[] nulls(ColumnView c) {
        boolean[] out = new boolean[(int) c.getRowCount()];
        if (c.getNullCount() == 0) {
            return out;
        }
        try (ColumnVector flags = c.isNull();
                HostColumnVector host = flags.copyToHost()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = host.getBoolean(i);
            }
        }
        return out;
    }

    static TreeRows trees(ColumnView tree, long rows) {
        if (tree == null) {
            return TreeRows.NONE;
        }
        if (tree.getType() != DType.LIST || tree.getRowCount() != rows) {
            throw new IllegalArgumentException("tree must be a LIST<INT32> column of " + rows + " rows, got "
                    + tree.getType() + " of " + tree.getRowCount() + " rows");
        }
        int[][] parents = new int[(int) rows][];
        String[] errors = new String[(int) rows];
        try (HostColumnVector host = tree.copyToHost()) {
            for (int r = 0; r < rows; r++) {
                if (!host.isNull(r)) {
                    parents[r] = readTree(host.getList(r), errors, r);
                }
            }
        }
        return new TreeRows(parents, errors);
    }

    private static int[] readTree(List<?> list, String[] errors, int r) {
        int[] parents = new int[list.size()];
        for (int t = 0; t < parents.length; t++) {
            if (list.get(t) == null) {
                errors[r] = "tree[" + t + "] is NULL";
                return null;
            }
            parents[t] = ((Number) list.get(t)).intValue();
        }
        return parents;
    }
}
