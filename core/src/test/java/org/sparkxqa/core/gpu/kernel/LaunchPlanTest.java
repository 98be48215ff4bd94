package org.sparkxqa.core.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.ElementType;

class LaunchPlanTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 8, 2, 128);

    private static RequestShape chain(int lq, int lk) {
        return new RequestShape(lq, lk, DraftMask.chain(lq));
    }

    @Test
    void matchesTheDeviceTestedPlanByteForByte() {
        // The bytes the cupy harness launched on the H100 for this batch (Hq 8, Hkv 2, D 128, no window).
        RequestShape tree = new RequestShape(8, 4097, DraftMask.fromParents(new int[] {-1, 0, 0, 0, 0, 0, 0, 0}));
        LaunchPlan p = LaunchPlan.ofShapes(SPEC, List.of(chain(3, 37), tree, chain(2, 2048)));
        HexFormat hex = HexFormat.of();
        assertEquals(
                "0000000000000000000000000000000000000000030000002500000001000000"
                        + "2500000000000000000000000000000003000000080000000110000003000000"
                        + "261000000000000000000000000000000b000000020000000008000001000000",
                hex.formatHex(p.requestTable()));
        assertEquals(
                "0000000000000000000000000008000001000000000000000000000000080000"
                        + "0100000000000000010000000008000001000000000000000200000000080000"
                        + "02000000000000000000000000080000",
                hex.formatHex(p.workTable()));
        assertEquals(
                "010000000000000001000000040000000100000008000000010000000c000000"
                        + "010000001000000001000000140000000100000018000000010000001c000000",
                hex.formatHex(p.mergeTable()));
        assertEquals(192, p.scratchRows());
        assertEquals(3, p.stages());
        assertEquals(114688 + KernelGeometry.BARRIER_BYTES, p.attentionSmemBytes());
    }

    @Test
    void matchesTheDeviceTestedPlanWithTwoSplitSizes() {
        // Batch [(4, 9000, chain), (1, 5000, chain)], Hq 32, Hkv 1, D 64: 128 rows split every 4096 keys,
        // 32 rows every 2048, both 3 splits.
        AttentionSpec g32 = AttentionSpec.of(ElementType.FP16, 32, 1, 64);
        LaunchPlan p = LaunchPlan.ofShapes(g32, List.of(chain(4, 9000), chain(1, 5000)));
        HexFormat hex = HexFormat.of();
        assertEquals(
                "0000000000000000000000000000000000000000040000002823000003000000"
                        + "2823000000000000800100000000000004000000010000008813000003000000",
                hex.formatHex(p.requestTable()));
        assertEquals(
                "0000000000000000000000000010000000000000000000000100000000100000"
                        + "0000000000000000020000000010000001000000000000000000000000080000"
                        + "0100000000000000010000000008000001000000000000000200000000080000",
                hex.formatHex(p.workTable()));
        assertEquals(40, p.mergeItems());
        assertEquals(480, p.scratchRows());
        assertEquals(6, p.stages());
        // 128 rows: sm_90a builds run a warpgroup per 64-row M tile, the others one warpgroup.
        assertArrayEquals(new int[] {256, 1, 1}, p.attentionBlock(true));
        assertArrayEquals(new int[] {128, 1, 1}, p.attentionBlock(false));
        assertEquals(114688 + KernelGeometry.BARRIER_BYTES, p.attentionSmemBytes());
    }

    @Test
    void singleSplitRequestNeedsNoMergeOrScratch() {
        LaunchPlan p = LaunchPlan.ofShapes(SPEC, List.of(chain(3, 37)));
        assertEquals(1, p.workItems());
        assertFalse(p.needsMerge());
        assertEquals(0, p.scratchRows());
        assertArrayEquals(new int[] {1, 2, 1}, p.attentionGrid());
        assertArrayEquals(new int[] {128, 1, 1}, p.attentionBlock(false));
        assertArrayEquals(new int[] {128, 1, 1}, p.attentionBlock(true)); // 12 rows: one warpgroup either way
        assertEquals(3 * 32 * 1024 + 64 * 256 + 64, p.attentionSmemBytes()); // 12 rows take one 64-row Q unit; barriers
        assertEquals(3L * 8 * 128 * 2, p.qBytes());
        assertEquals(37L * 2 * 128 * 2, p.kvBytes());
    }

    @Test
    void longRequestsSplitIntoChunksOfTheirOwnSizeAndMerge() {
        LaunchPlan p = LaunchPlan.ofShapes(SPEC, List.of(chain(8, 4097), chain(1, AttentionSpec.MAX_KV_LEN)));
        int rows0 = 8 * 4, rows1 = 4; // both split every 2048 keys: 3 and 512 splits
        assertEquals(3 + 512, p.workItems());
        assertEquals(3L * 2 * rows0 + 512L * 2 * rows1, p.scratchRows());
        assertEquals(8 + 1, p.mergeItems());
        assertEquals(p.scratchRows() * 128 * 4, p.scratchOBytes());
        assertEquals(p.scratchRows() * 8, p.scratchMlBytes());
        ByteBuffer req = ByteBuffer.wrap(p.requestTable()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(3L * 2 * rows0, req.getLong(32 + 8)); // second request's scratch offset
        assertEquals(4097, req.getLong(32)); // second request's first K/V token
        assertEquals(512, req.getInt(32 + 28)); // its splits
    }

    @Test
    void windowSkipsInvisiblePrefixBeforeSplitting() {
        AttentionSpec w = SPEC.withWindow(100);
        RequestShape s = chain(4, 5000);
        assertEquals(4996 - 99, s.firstKey(100));
        int split = SplitSize.tokens(4 * SPEC.group());
        assertEquals(2048, split);
        assertEquals(1, s.splits(100, split));
        assertEquals(3, s.splits(0, split));
        assertEquals(1, LaunchPlan.ofShapes(w, List.of(s)).workItems());
        assertEquals(3, LaunchPlan.ofShapes(SPEC, List.of(s)).workItems());
        assertEquals(0, chain(4, 50).firstKey(100));
    }

    @Test
    void manyRowsTileTheRowDimension() {
        AttentionSpec g32 = AttentionSpec.of(ElementType.FP16, 32, 1, 64);
        LaunchPlan p = LaunchPlan.ofShapes(g32, List.of(chain(64, 140000)));
        assertEquals(2048, p.maxRows());
        assertEquals(3 * 16, p.workItems()); // 3 splits of 65536 keys x 2048/128 row tiles
        assertEquals(2048 / 4, p.mergeItems());
        assertEquals(6, p.stages());
        assertEquals(6 * 2 * 64 * 128 + 128 * 128 + 64, p.attentionSmemBytes());
        ByteBuffer w = ByteBuffer.wrap(p.workTable()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(128, w.getInt(16 + 4)); // second item: row tile 1 of split 0
        assertEquals(1, w.getInt(16 * 16 + 8)); // 17th item: split 1
        assertEquals(65536, w.getInt(16 * 16 + 12)); // of 65536 keys
    }

    @Test
    void offsetsAndMasksFollowTheBatchOrder() {
        DraftMask tree = DraftMask.fromParents(new int[] {-1, 0, -1});
        LaunchPlan p = LaunchPlan.ofShapes(SPEC, List.of(chain(2, 10), new RequestShape(3, 3, tree), chain(64, 70)));
        assertEquals(0, p.qOffset(0));
        assertEquals(2, p.qOffset(1));
        assertEquals(5, p.qOffset(2));
        assertEquals(13, p.kvOffset(2));
        assertEquals(69, p.qTokens());
        ByteBuffer m = ByteBuffer.wrap(p.maskTable()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0b11, m.getLong(8));
        assertEquals(0b001, m.getLong(16));
        assertEquals(0b011, m.getLong(24));
        assertEquals(0b100, m.getLong(32));
        assertEquals(-1L, m.getLong(8 * 68)); // chain row 63 sees all 64 drafts
        assertTrue(p.attentionSmemBytes() <= 227 * 1024);
    }

    @Test
    void rejectsWhatTheKernelCannotIndex() {
        assertThrows(IllegalArgumentException.class, () -> LaunchPlan.ofShapes(SPEC, List.of()));
        AttentionSpec wide = AttentionSpec.of(ElementType.BF16, 70000, 70000, 64);
        assertThrows(IllegalArgumentException.class, () -> LaunchPlan.ofShapes(wide, List.of(chain(1, 1))));
        assertThrows(IllegalArgumentException.class, () -> chain(0, 1));
        assertThrows(IllegalArgumentException.class, () -> chain(5, 4));
        assertThrows(IllegalArgumentException.class, () -> chain(1, AttentionSpec.MAX_KV_LEN + 1));
        assertThrows(IllegalArgumentException.class, () -> new RequestShape(3, 9, DraftMask.chain(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LaunchTables.check(false, "x"));
        assertTrue(e.getMessage().contains("split the batch"));
        // K/V tokens past 2^31 - 1024 would overflow the kernel's 32-bit tensor-map coordinates.
        RequestShape longest = chain(1, AttentionSpec.MAX_KV_LEN);
        e = assertThrows(
                IllegalArgumentException.class, () -> LaunchPlan.ofShapes(SPEC, Collections.nCopies(2048, longest)));
        assertTrue(e.getMessage().contains("K/V tokens"), e.getMessage());
    }
}
