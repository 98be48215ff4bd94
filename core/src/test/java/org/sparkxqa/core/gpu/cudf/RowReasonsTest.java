package org.sparkxqa.core.gpu.cudf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.InvalidRequestException;
import org.sparkxqa.core.Request;

/** Per-row reasons of LIST columns: the row path's reasons, in its order, and null for valid rows. */
class RowReasonsTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64); // q 512, kv 256 B/token

    @Test
    void eachRowGetsTheRowPathsReasonOrNull() {
        int[] q = {0, 512, 1024, 1536, 2048, 2548, 3060, 3572};
        int[] k = {0, 256, 512, 768, 1024, 1280, 1280, 1536};
        int[] v = {0, 256, 512, 768, 1280, 1536, 1536, 1792};
        boolean[] none = new boolean[7];
        boolean[] kNull = {false, true, false, false, false, false, false};
        String[] treeErrors = {null, null, null, null, null, "tree[0] is NULL", null};
        int[][] parents = {null, null, null, null, null, null, {3}};
        String[] reasons = RowReasons.of(
                SPEC, new int[][] {q, k, v}, new boolean[][] {none, kNull, none}, new TreeRows(parents, treeErrors));
        assertArrayEquals(
                new String[] {
                    null,
                    "k is NULL",
                    null,
                    rowPath(512, 256, 512, null),
                    rowPath(500, 256, 256, null),
                    "tree[0] is NULL",
                    rowPath(512, 256, 256, new int[] {3})
                },
                reasons);
        assertEquals(5, RowReasons.invalid(reasons));
        assertEquals("v has 512 bytes but k has 256", reasons[3]);
    }

    @Test
    void withoutATreeColumnEveryRowIsAChain() {
        String[] reasons = RowReasons.of(
                SPEC,
                new int[][] {{0, 1024}, {0, 512}, {0, 512}},
                new boolean[][] {{false}, {false}, {false}},
                TreeRows.NONE);
        assertArrayEquals(new String[] {null}, reasons);
    }

    @Test
    void theKeptRowsKeepTheirTrees() {
        int[][] parents = {{-1}, null, {-1, 0}};
        assertArrayEquals(
                new int[][] {{-1}, {-1, 0}}, ValidRows.keptParents(new String[] {null, "k is NULL", null}, parents));
        assertEquals(null, ValidRows.keptParents(new String[] {null}, null));
    }

    private static String rowPath(int qBytes, int kBytes, int vBytes, int[] tree) {
        try {
            Request.of(SPEC, new byte[qBytes], new byte[kBytes], new byte[vBytes], tree, null);
            return null;
        } catch (InvalidRequestException e) {
            return e.reason();
        }
    }
}
