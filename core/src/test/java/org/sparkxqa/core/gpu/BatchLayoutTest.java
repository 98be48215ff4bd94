package org.sparkxqa.core.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.kernel.DeviceBuffers;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;
import org.sparkxqa.core.gpu.kernel.RequestShape;

class BatchLayoutTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 8, 2, 64);

    private static LaunchPlan plan(int... lks) {
        List<RequestShape> shapes = java.util.Arrays.stream(lks)
                .mapToObj(lk -> new RequestShape(3, lk, DraftMask.chain(3)))
                .toList();
        return LaunchPlan.ofShapes(SPEC, shapes);
    }

    @Test
    void regionsAreOrderedAlignedLargeEnoughAndDisjoint() {
        for (LaunchPlan p : List.of(plan(3), plan(5000, 7, 2049), plan(1 << 20))) {
            BatchLayout l = BatchLayout.of(p);
            long[] starts = {
                l.q(), l.k(), l.v(), l.masks(), l.requests(), l.work(), l.merge(), l.out(), l.scratchO(), l.scratchMl()
            };
            long[] sizes = {
                p.qBytes(),
                p.kvBytes(),
                p.kvBytes(),
                p.maskTable().length,
                p.requestTable().length,
                p.workTable().length,
                p.mergeTable().length,
                p.qBytes(),
                p.scratchOBytes(),
                p.scratchMlBytes()
            };
            assertEquals(0, l.q());
            for (int i = 0; i < starts.length; i++) {
                assertEquals(0, starts[i] % BatchLayout.ALIGN, "region " + i);
                long end = i + 1 < starts.length ? starts[i + 1] : l.deviceBytes();
                assertTrue(end - starts[i] >= Math.max(sizes[i], BatchLayout.ALIGN), "region " + i + " too small");
            }
            assertEquals(l.inBytes(), l.out(), "inputs are one contiguous copy, out follows them");
            assertEquals(p.qBytes(), l.outBytes());
        }
    }

    @Test
    void splitRequestsGetScratchAndDeviceAddressesFollowTheBase() {
        LaunchPlan p = plan(5000);
        assertTrue(p.needsMerge());
        BatchLayout l = BatchLayout.of(p);
        assertTrue(l.scratchMl() - l.scratchO() >= p.scratchOBytes() && p.scratchOBytes() > 0);
        DeviceBuffers b = l.buffers(1L << 40);
        assertEquals((1L << 40) + l.k(), b.k());
        assertEquals((1L << 40) + l.out(), b.out());
        assertEquals((1L << 40) + l.scratchMl(), b.scratchMl());
    }
}
