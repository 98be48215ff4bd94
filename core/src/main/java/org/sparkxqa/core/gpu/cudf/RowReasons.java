package org.sparkxqa.core.gpu.cudf;

import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.InvalidRequestException;

/**
 * Why each row of requests held as LIST columns is invalid, or null where it is valid: the checks and
 * reasons of the row path, in its order (an unreadable tree first, then a NULL q, k or v, then
 * {@link ListColumnsLayout#shape}). Pure host arithmetic over the offsets, null flags and trees the
 * host copied ({@link ListColumnsHost}), so it is tested without a GPU. Stateless.
 */
final class RowReasons {
    private RowReasons() {}

    /**
     * @param offsets q's, k's and v's offsets ({@code rows + 1} each)
     * @param nulls q's, k's and v's null flags ({@code rows} each)
     * @param trees the rows' draft trees and why a tree could not be read
     * @return one reason per row, null for a valid row
     */
    static String[] of(AttentionSpec spec, int[][] offsets, boolean[][] nulls, TreeRows trees) {
        int rows = offsets[0].length - 1;
        String[] reasons = new String[rows];
        for (int r = 0; r < rows; r++) {
            reasons[r] = reason(spec, offsets, nulls, trees, r);
        }
        return reasons;
    }

    /** How many of {@code reasons} are non-null. */
    static int invalid(String[] reasons) {
        int n = 0;
        for (String reason : reasons) {
            n += reason == null ? 0 : 1;
        }
        return n;
    }

    private static String reason(AttentionSpec spec, int[][] offsets, boolean[][] nulls, TreeRows trees, int r) {
        if (trees.error(r) != null) {
            return trees.error(r);
        }
        String[] names = {"q", "k", "v"};
        for (int c = 0; c < 3; c++) {
            if (nulls[c][r]) {
                return names[c] + " is NULL";
            }
        }
        try {
            ListColumnsLayout.shape(
                    spec,
                    offsets[0][r + 1] - offsets[0][r],
                    offsets[1][r + 1] - offsets[1][r],
                    offsets[2][r + 1] - offsets[2][r],
                    trees.parents(r));
            return null;
        } catch (InvalidRequestException e) {
            return e.reason();
        }
    }
}
