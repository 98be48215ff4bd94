package org.sparkxqa.core.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.cuda.GpuProbe;

/** A tensor map is encoded once per buffer and shape and reused; another shape gets its own map. */
@Tag("gpu")
class KvTensorMapsGpuTest {

    @Test
    void aBufferAndShapeSeenBeforeReuseItsMap() {
        GpuProbe.Result probe = GpuProbe.probe();
        Assumptions.assumeTrue(probe.available(), () -> "SKIPPED: no usable GPU: " + probe.reason());
        AttentionSpec spec = AttentionSpec.of(ElementType.BF16, 8, 2, 128);
        LaunchPlan a = LaunchPlan.ofShapes(spec, List.of(new RequestShape(2, 900, DraftMask.chain(2))));
        LaunchPlan b = LaunchPlan.ofShapes(spec, List.of(new RequestShape(2, 901, DraftMask.chain(2))));
        long address = 0x7f0000000000L;
        byte[] first = KvTensorMaps.of(a, address);
        int kept = KvTensorMaps.kept();
        assertSame(first, KvTensorMaps.of(a, address));
        assertEquals(kept, KvTensorMaps.kept());
        byte[] longer = KvTensorMaps.of(b, address);
        assertFalse(Arrays.equals(first, longer), "a different token count is a different map");
        assertFalse(Arrays.equals(first, KvTensorMaps.of(a, address + 4096)), "another address, another map");
    }
}
