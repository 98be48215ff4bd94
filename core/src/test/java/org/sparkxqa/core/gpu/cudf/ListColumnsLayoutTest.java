package org.sparkxqa.core.gpu.cudf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.InvalidRequestException;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;

/** Offsets of LIST columns as the kernel's placement, and every way a row can break the contract. */
class ListColumnsLayoutTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64); // q 512, kv 256 B/token

    @Test
    void offsetsFromASlicedColumnBecomeTokenOffsetsFromItsFirstRow() {
        int[] q = {1024, 1536, 2560}; // rows of 1 and 2 query tokens, starting 2 tokens in
        int[] k = {256, 1024, 2048}; // 3 and 4 keys, starting 1 token in
        int[] v = {0, 768, 1792}; // the same lengths, starting at 0
        ListColumnsLayout l = ListColumnsLayout.of(SPEC, q, k, v, new int[][] {null, {-1, 0}});
        assertArrayEquals(new int[] {0, 1}, l.placement().qOffsets());
        assertArrayEquals(new long[] {0, 3}, l.placement().kvOffsets());
        assertEquals(3, l.placement().qTokens());
        assertEquals(7, l.placement().kvTokens());
        assertEquals(List.of(1, 2), l.shapes().stream().map(s -> s.lq()).toList());
        assertEquals(1024, l.qFirstByte());
        assertEquals(256, l.kFirstByte());
        assertEquals(0, l.vFirstByte());
        assertEquals(3 * 512, l.qBytes(SPEC));
        LaunchPlan plan =
                LaunchPlan.ofPlaced(SPEC, l.shapes(), l.placement(), org.sparkxqa.core.gpu.kernel.DeviceLimits.SM90);
        assertEquals(1, plan.qOffset(1));
        assertEquals(3, plan.kvOffset(1));
        assertEquals(3L * 512, plan.qBytes());
    }

    @Test
    void eachBrokenRowIsNamedWithItsReason() {
        assertBroken(
                "row 1: q has 500 bytes",
                new int[] {0, 512, 1012},
                new int[] {0, 256, 512},
                new int[] {0, 256, 512},
                null);
        assertBroken(
                "row 0: v has 512 bytes but k has 256",
                new int[] {0, 512},
                new int[] {0, 256},
                new int[] {0, 512},
                null);
        assertBroken(
                "row 0: Lk=1 is smaller than Lq=2", new int[] {0, 1024}, new int[] {0, 256}, new int[] {0, 256}, null);
        assertBroken(
                "row 0: tree has 2 entries", new int[] {0, 512}, new int[] {0, 256}, new int[] {0, 256}, new int[][] {
                    {-1, 0}
                });
        assertBroken(
                "row 0: tree[0] = 3", new int[] {0, 512}, new int[] {0, 256}, new int[] {0, 256}, new int[][] {{3}});
        assertBroken(
                "row 1: its offsets decrease",
                new int[] {0, 512, 0},
                new int[] {0, 256, 512},
                new int[] {0, 256, 512},
                null);
    }

    @Test
    void mismatchedRowCountsAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ListColumnsLayout.of(SPEC, new int[] {0, 512}, new int[] {0}, new int[] {0, 256}, null));
    }

    private static void assertBroken(String start, int[] q, int[] k, int[] v, int[][] tree) {
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> ListColumnsLayout.of(SPEC, q, k, v, tree));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
