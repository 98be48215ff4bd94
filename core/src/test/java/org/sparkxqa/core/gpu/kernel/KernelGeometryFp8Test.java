package org.sparkxqa.core.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.target.KernelVariant;

/**
 * The shared-memory plan of fp8 variants, mirrored from {@code xqa_abi.cuh}: stages hold the landed
 * fp8 tiles (half the bytes of 16-bit ones), followed by the 16-bit K and V tiles they are converted to.
 */
class KernelGeometryFp8Test {
    private static KernelGeometry of(ElementType kv, int d) {
        return KernelGeometry.of(new KernelVariant(ElementType.BF16, kv, d, 4));
    }

    @Test
    void stagesHoldFp8BytesAndTheConvertedTilesFollow() {
        for (int d : new int[] {64, 128, 256}) {
            KernelGeometry bf16 = of(ElementType.BF16, d);
            KernelGeometry e4m3 = of(ElementType.E4M3, d);
            assertEquals(1, e4m3.kvBytes());
            assertEquals(2, bf16.kvBytes());
            assertEquals(bf16.stageBytes() / 2, e4m3.stageBytes(), "d" + d);
            assertEquals(2 * 64 * d, e4m3.stageBytes());
            assertEquals(bf16.stageBytes(), e4m3.convertBytes(), "the converted K and V tiles are 16-bit");
            assertEquals(0, bf16.convertBytes());
            assertEquals(bf16.rowBytes(), e4m3.rowBytes(), "Q and the MMA tiles stay 16-bit");
            assertEquals(
                    3 * e4m3.stageBytes() + e4m3.convertBytes() + e4m3.qSmemBytes(64) + KernelGeometry.BARRIER_BYTES,
                    e4m3.smemBytes(64, 3));
        }
    }

    @Test
    void theConvertedTilesCountInTheStageBudget() {
        KernelGeometry d128 = of(ElementType.E5M2, 128);
        // 2 CTAs per SM on sm_90: (233472 / 2 - 1024) = 115712 bytes; 32 KiB of converted tiles and 32 KiB of Q
        // (128 rows) leave 51136 bytes: three 16 KiB fp8 stages.
        assertEquals(3, d128.stages(128, DeviceLimits.SM90));
        assertEquals(4, d128.stages(64, DeviceLimits.SM90));
        for (KernelVariant v : KernelVariant.all()) {
            KernelGeometry g = KernelGeometry.of(v);
            assertTrue(g.smemBytes(2048, g.stages(2048, DeviceLimits.SM90)) <= 227 * 1024, v.label());
            assertTrue(
                    g.smemBytes(2048, g.stages(2048, DeviceLimits.SM80)) <= DeviceLimits.SM80.smemPerBlock(),
                    v.label());
        }
    }

    @Test
    void checkComparesTheConvertBytesTheModuleReports() {
        KernelVariant v = new KernelVariant(ElementType.FP16, ElementType.E4M3, 256, 8);
        KernelGeometry g = KernelGeometry.of(v);
        KernelDescription desc = KernelGeometryTest.describe(v, g);
        assertEquals(2 * 64 * 256 * 2, desc.get("convert_bytes"));
        assertDoesNotThrow(() -> g.check(v, desc));
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> g.check(v, desc.with("convert_bytes", 0)));
        assertTrue(e.getMessage().contains("convert_bytes = 0"), e.getMessage());
        e = assertThrows(
                IllegalStateException.class, () -> g.check(v, desc.with("kv_type", ElementType.BF16.ordinal())));
        assertTrue(e.getMessage().contains("kv_type = 1"), e.getMessage());
    }
}
