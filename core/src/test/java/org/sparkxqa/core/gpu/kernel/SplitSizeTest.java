package org.sparkxqa.core.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.target.KernelVariant;

/** The per-request KV split size and how the launch tables carry it. */
class SplitSizeTest {
    private static final AttentionSpec G4 = AttentionSpec.of(ElementType.BF16, 8, 2, 128);
    private static final AttentionSpec G32 = AttentionSpec.of(ElementType.FP16, 32, 1, 64);

    private static RequestShape chain(int lq, int lk) {
        return new RequestShape(lq, lk, DraftMask.chain(lq));
    }

    @Test
    void sizeGrowsWithRowsFrom2048Keys() {
        // The split sizes the device harness was tested with.
        int[][] cases = {
            {1, 2048},
            {32, 2048},
            {33, 2048},
            {64, 2048},
            {65, 3072},
            {96, 3072},
            {97, 4096},
            {128, 4096},
            {256, 8192},
            {2048, 65536}
        };
        for (int[] c : cases) {
            assertEquals(c[1], SplitSize.tokens(c[0]), "rows " + c[0]);
        }
    }

    @Test
    void everySizeIsAMultipleOfTheTileKeysAndNeverShrinks() {
        int tileKeys = KernelGeometry.of(KernelVariant.of(G4)).tileKeys();
        int previous = 0;
        for (int rows = 1; rows <= AttentionSpec.MAX_Q_LEN * AttentionSpec.MAX_GROUP; rows++) {
            int t = SplitSize.tokens(rows);
            assertEquals(0, t % tileKeys, "rows " + rows + ": " + t);
            assertTrue(t >= previous, "rows " + rows);
            previous = t;
        }
    }

    @Test
    void rowsOutsideAnyRequestAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SplitSize.tokens(0));
        assertThrows(IllegalArgumentException.class, () -> SplitSize.tokens(-1));
        assertThrows(IllegalArgumentException.class, () -> SplitSize.tokens(2049));
    }

    @Test
    void everyWorkItemOfARequestCarriesItsSplitSize() {
        // G = 4, rows 4, 32, 128, 256: split sizes 2048, 2048, 4096, 8192.
        List<RequestShape> shapes = List.of(chain(1, 20000), chain(8, 5000), chain(32, 9000), chain(64, 70000));
        LaunchPlan p = LaunchPlan.ofShapes(AttentionSpec.of(ElementType.BF16, 32, 8, 128), shapes);
        int[] tokens = {2048, 2048, 4096, 8192};
        int[] splits = {10, 3, 3, 9}; // ceil(Lk / split size)
        int[] rowTiles = {1, 1, 1, 2}; // 128 rows per CTA at D=128
        int[] seen = new int[shapes.size()];
        for (List<Integer> w : workItems(p)) {
            int r = w.get(0);
            assertEquals(tokens[r], w.get(3), "request " + r);
            assertEquals(SplitSize.tokens(shapes.get(r).lq() * 4), w.get(3), "request " + r);
            seen[r]++;
        }
        ByteBuffer req = ByteBuffer.wrap(p.requestTable()).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < shapes.size(); r++) {
            assertEquals(splits[r], req.getInt(r * KernelGeometry.REQUEST_BYTES + 28), "num_splits of request " + r);
            assertEquals(splits[r] * rowTiles[r], seen[r], "work items of request " + r);
        }
    }

    @Test
    void aRequestGetsTheSameSplitsAloneAndInABatch() {
        // G = 32, rows 32, 2048, 128, 64: the 2048-row request changes the batch's Q rows and stages, not
        // anyone else's splits.
        List<RequestShape> batch = List.of(chain(1, 70000), chain(64, 140000), chain(4, 9000), chain(2, 3000));
        LaunchPlan together = LaunchPlan.ofShapes(G32, batch);
        for (int r = 0; r < batch.size(); r++) {
            LaunchPlan alone = LaunchPlan.ofShapes(G32, List.of(batch.get(r)));
            int request = r;
            List<List<Integer>> inBatch = workItems(together).stream()
                    .filter(w -> w.get(0) == request)
                    .map(w -> w.subList(1, 4))
                    .toList();
            List<List<Integer>> own =
                    workItems(alone).stream().map(w -> w.subList(1, 4)).toList();
            assertTrue(own.size() > 1, "request " + r + " has several splits");
            assertEquals(own, inBatch, "row_base, split, split_tokens of request " + r);
            ByteBuffer a = ByteBuffer.wrap(alone.requestTable()).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer b = ByteBuffer.wrap(together.requestTable()).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(a.getInt(28), b.getInt(r * KernelGeometry.REQUEST_BYTES + 28), "num_splits of request " + r);
        }
    }

    /** The work table as [request, row_base, split, split_tokens] rows. */
    private static List<List<Integer>> workItems(LaunchPlan p) {
        ByteBuffer w = ByteBuffer.wrap(p.workTable()).order(ByteOrder.LITTLE_ENDIAN);
        List<List<Integer>> out = new ArrayList<>();
        while (w.hasRemaining()) {
            out.add(List.of(w.getInt(), w.getInt(), w.getInt(), w.getInt()));
        }
        assertEquals(p.workItems(), out.size());
        return out;
    }
}
