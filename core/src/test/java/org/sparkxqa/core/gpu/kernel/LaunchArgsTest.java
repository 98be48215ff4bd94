package org.sparkxqa.core.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.cuda.KernelArgs;
import org.sparkxqa.core.gpu.cuda.TensorMap;

class LaunchArgsTest {
    private static final DeviceBuffers BUFS =
            new DeviceBuffers(0x1000, 0x2000, 0x3000, 0x4000, 0x5000, 0x6000, 0x7000, 0x8000, 0x9000, 0xA000);

    @Test
    void attentionParametersFollowTheSignature() {
        AttentionSpec spec = AttentionSpec.of(ElementType.BF16, 8, 2, 64).withWindow(7);
        LaunchPlan plan = LaunchPlan.ofShapes(spec, List.of(new RequestShape(2, 9, DraftMask.chain(2))));
        KernelArgs args = LaunchArgs.attention(plan, BUFS, false);
        List<Object> v = args.values();
        assertEquals(
                List.of(0x1000L, 0x2000L, 0x3000L, 0x4000L, 0x5000L, 0x6000L, 0x7000L, 0x9000L, 0xA000L),
                v.subList(0, 9));
        assertEquals((float) (0.125 / Math.log(2)), (Float) v.get(9), 1e-6f);
        assertEquals(1f, v.get(10)); // ABI 5: v_scale
        assertEquals(7, v.get(11));
        assertEquals(plan.stages(), v.get(12)); // no split_tokens argument, the work items carry it
        // ABI 3: the k and v tensor maps by value; zeros for a variant that does not load through them
        assertArrayEquals(new byte[TensorMap.BYTES], (byte[]) v.get(13));
        assertArrayEquals(new byte[TensorMap.BYTES], (byte[]) v.get(14));
        assertEquals(15, v.size());
        assertEquals(15, args.size());
        KernelArgs merge = LaunchArgs.merge(BUFS);
        assertEquals(List.of(0x4000L, 0x6000L, 0x8000L, 0x9000L, 0xA000L), merge.values());
        assertEquals(5, merge.size());
        assertEquals(List.of(0x1230L), LaunchArgs.describe(0x1230L).values());
    }

    @Test
    void buffersMustBeAlignedAndNonNull() {
        assertThrows(IllegalArgumentException.class, () -> new DeviceBuffers(0, 16, 16, 16, 16, 16, 16, 16, 16, 16));
        assertThrows(IllegalArgumentException.class, () -> new DeviceBuffers(16, 24, 16, 16, 16, 16, 16, 16, 16, 16));
    }
}
