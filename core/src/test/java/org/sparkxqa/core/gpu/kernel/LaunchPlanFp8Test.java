package org.sparkxqa.core.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.cuda.KernelArgs;

/**
 * An fp8 plan: K/V byte lengths at one byte per element, and the K/V scales in the launch parameters as
 * docs/fp8.md places them (score factor {@code scale * kScale} rounded to fp32 once, then log2 units;
 * {@code vScale} on the output).
 */
class LaunchPlanFp8Test {
    private static final DeviceBuffers BUFS =
            new DeviceBuffers(0x1000, 0x2000, 0x3000, 0x4000, 0x5000, 0x6000, 0x7000, 0x8000, 0x9000, 0xA000);

    private static List<RequestShape> shapes() {
        return List.of(new RequestShape(3, 37, DraftMask.chain(3)), new RequestShape(1, 5000, DraftMask.chain(1)));
    }

    @Test
    void kvBytesAreOneBytePerElement() {
        AttentionSpec bf16 = AttentionSpec.of(ElementType.BF16, 8, 2, 128);
        LaunchPlan p16 = LaunchPlan.ofShapes(bf16, shapes());
        LaunchPlan p8 = LaunchPlan.ofShapes(bf16.withKvType(ElementType.E4M3), shapes());
        assertEquals(5037L * 2 * 128, p8.kvBytes());
        assertEquals(2 * p8.kvBytes(), p16.kvBytes());
        assertEquals(p16.qBytes(), p8.qBytes(), "q and out keep their 16-bit type");
        assertEquals(p16.kvOffset(1), p8.kvOffset(1), "offsets are in tokens");
        assertEquals(p16.workItems(), p8.workItems(), "splits depend on lengths only");
        assertEquals(1, p8.geometry().kvBytes());
    }

    @Test
    void theScalesEnterTheLaunchAsTheContractSays() {
        float kScale = 0.0123f;
        float vScale = 3.5f;
        AttentionSpec spec = AttentionSpec.of(ElementType.FP16, 8, 2, 64)
                .withKvType(ElementType.E5M2)
                .withKvScales(kScale, vScale)
                .withWindow(9);
        LaunchPlan plan = LaunchPlan.ofShapes(spec, shapes());
        float factor = spec.scale() * kScale;
        assertEquals((float) (factor * (1.0 / Math.log(2.0))), plan.scaleLog2());
        assertEquals(vScale, plan.vScale());
        KernelArgs args = LaunchArgs.attention(plan, BUFS, false);
        List<Object> v = args.values();
        assertEquals(plan.scaleLog2(), v.get(9));
        assertEquals(vScale, v.get(10));
        assertEquals(9, v.get(11));
        assertEquals(plan.stages(), v.get(12));
        assertEquals(15, args.size());
    }

    @Test
    void sixteenBitKvTakesItsScalesToo() {
        AttentionSpec spec = AttentionSpec.of(ElementType.BF16, 4, 4, 128).withKvScales(2f, 0.25f);
        LaunchPlan plan = LaunchPlan.ofShapes(spec, shapes());
        assertEquals((float) ((spec.scale() * 2f) * (1.0 / Math.log(2.0))), plan.scaleLog2());
        assertEquals(0.25f, LaunchArgs.attention(plan, BUFS, false).values().get(10));
    }
}
