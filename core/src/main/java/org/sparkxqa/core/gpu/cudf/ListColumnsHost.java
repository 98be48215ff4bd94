package org.sparkxqa.core.gpu.cudf;

import ai.rapids.cudf.ColumnView;
import ai.rapids.cudf.DType;
import ai.rapids.cudf.HostColumnVector;
import java.util.List;
import org.sparkxqa.core.InvalidRequestException;

/**
 * What {@link CudfAttention} brings to the host to plan and check a launch: the columns' types, the
 * LIST offsets (4 bytes a row) and the draft trees. Stateless.
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
        if (c.getNullCount() > 0) {
            throw new IllegalArgumentException("q, k and v must have no NULL rows (" + c.getNullCount() + " found)");
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

    static int[][] parents(ColumnView tree, long rows) {
        if (tree == null) {
            return null;
        }
        if (tree.getType() != DType.LIST || tree.getRowCount() != rows) {
            throw new IllegalArgumentException("tree must be a LIST<INT32> column of " + rows + " rows, got "
                    + tree.getType() + " of " + tree.getRowCount() + " rows");
        }
        int[][] out = new int[(int) rows][];
        try (HostColumnVector host = tree.copyToHost()) {
            for (int r = 0; r < rows; r++) {
                if (!host.isNull(r)) {
                    List<?> parents = host.getList(r);
                    out[r] = new int[parents.size()];
                    for (int t = 0; t < out[r].length; t++) {
                        if (parents.get(t) == null) {
                            throw new InvalidRequestException("row " + r + ": tree[" + t + "] is NULL");
                        }
                        out[r][t] = ((Number) parents.get(t)).intValue();
                    }
                }
            }
        }
        return out;
    }
}
