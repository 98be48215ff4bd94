package org.sparkxqa.core.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.target.KernelVariant;

class KernelGeometryTest {

    /**
     * What an sm_90a module writes for a variant under ABI 6 ({@code XqaDescribe}, 22 ints: the cupy
     * harness reads the same struct on the H100): most threads 256 for 128-row CTAs, then the sm_90a
     * flags: tensor maps, dependent merge, a warpgroup per M tile; then fp8's converted tile bytes.
     */
    static KernelDescription describe(KernelVariant v, KernelGeometry g) {
        return KernelDescription.of(
                6,
                88,
                v.qType().ordinal(),
                v.kvType().ordinal(),
                v.headDim(),
                v.group(),
                2 * g.ctaRows(),
                g.ctaRows(),
                g.tileKeys(),
                8,
                g.stageBytes(),
                g.rowBytes(),
                4,
                32,
                16,
                8,
                64,
                64,
                1,
                1,
                1,
                g.convertBytes());
    }

    @Test
    void geometryPerHeadDim() {
        KernelGeometry d64 = KernelGeometry.of(new KernelVariant(ElementType.FP16, ElementType.FP16, 64, 1));
        KernelGeometry d128 = KernelGeometry.of(new KernelVariant(ElementType.BF16, ElementType.BF16, 128, 8));
        KernelGeometry d256 = KernelGeometry.of(new KernelVariant(ElementType.BF16, ElementType.FP16, 256, 32));
        assertEquals(16 * 1024, d64.stageBytes());
        assertEquals(32 * 1024, d128.stageBytes());
        assertEquals(64 * 1024, d256.stageBytes());
        assertEquals(128, d128.ctaRows());
        assertEquals(64, d256.ctaRows());
        assertEquals(64, d128.qRowUnit());
        assertEquals(64, d256.qRowUnit());
        // Q rows: the largest request's rows rounded up to 64, at most a CTA's.
        assertEquals(128 * 256, d128.qSmemBytes(2048));
        assertEquals(64 * 256, d128.qSmemBytes(1));
        assertEquals(64 * 256, d128.qSmemBytes(64));
        assertEquals(128 * 256, d128.qSmemBytes(65));
        assertEquals(64 * 512, d256.qSmemBytes(3));
        assertEquals(64 * 512, d256.qSmemBytes(2048));
        // Deepest pipeline that keeps 2 CTAs per SM (1 for D=256) on sm_90; sm_80 has less memory.
        assertEquals(2, d128.stages(128, DeviceLimits.SM90));
        assertEquals(3, d128.stages(64, DeviceLimits.SM90));
        assertEquals(6, d64.stages(2048, DeviceLimits.SM90));
        assertEquals(3, d256.stages(64, DeviceLimits.SM90));
        assertEquals(2, d256.stages(64, DeviceLimits.SM80));
        // A device with room for more never gets more than MAX_STAGES.
        assertEquals(KernelGeometry.MAX_STAGES, d64.stages(1, new DeviceLimits(400000, 400000, 0)));
        assertEquals(8, KernelGeometry.MAX_STAGES);
        assertEquals(3 * 32 * 1024 + 64 * 256 + 64, d128.smemBytes(64, 3));
        assertEquals(64, KernelGeometry.BARRIER_BYTES);
        assertThrows(IllegalArgumentException.class, () -> d256.stages(64, new DeviceLimits(100000, 100000, 0)));
        for (KernelVariant v : KernelVariant.all()) {
            KernelGeometry g = KernelGeometry.of(v);
            assertTrue(g.smemBytes(2048, g.stages(2048, DeviceLimits.SM90)) <= 227 * 1024, v.label());
        }
    }

    @Test
    void checkAcceptsTheKernelsOwnNumbersAndNamesAMismatch() {
        KernelVariant v = new KernelVariant(ElementType.BF16, ElementType.BF16, 256, 5);
        KernelGeometry g = KernelGeometry.of(v);
        KernelDescription desc = describe(v, g);
        assertDoesNotThrow(() -> g.check(v, desc));
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> g.check(v, desc.with("stage_bytes", 3)));
        assertTrue(e.getMessage().contains("stage_bytes = 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelDescription.of(new int[3]));
        KernelDescription sm80 = desc.with(KernelDescription.TENSOR_MAPS, 0)
                .with(KernelDescription.DEPENDENT_MERGE, 0)
                .with(KernelDescription.WARPGROUP_PER_M_TILE, 0);
        assertDoesNotThrow(() -> g.check(v, sm80)); // D 256: one warpgroup (64-row CTAs) on every target
        e = assertThrows(IllegalStateException.class, () -> g.check(v, desc.with(KernelDescription.TENSOR_MAPS, -1)));
        assertTrue(e.getMessage().contains("tensor_maps = -1"), e.getMessage());
    }

    @Test
    void blockThreadsFollowTheModulesWarpgroupFlag() {
        KernelVariant v = new KernelVariant(ElementType.FP16, ElementType.BF16, 128, 16);
        KernelGeometry g = KernelGeometry.of(v);
        KernelDescription sm90a = describe(v, g);
        assertEquals(256, sm90a.get("threads"));
        assertDoesNotThrow(() -> g.check(v, sm90a));
        KernelDescription sm80 = describe(v, g).with(KernelDescription.WARPGROUP_PER_M_TILE, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.check(v, sm80));
        assertTrue(e.getMessage().contains("threads = 256") && e.getMessage().contains("expects 128"), e.getMessage());
        assertDoesNotThrow(() -> g.check(v, sm80.with("threads", 128))); // one warpgroup whatever the rows
        assertEquals(128, g.blockThreads(1, true));
        assertEquals(128, g.blockThreads(64, true));
        assertEquals(256, g.blockThreads(65, true));
        assertEquals(256, g.blockThreads(2048, true)); // rows past a CTA's 128 take more CTAs, not more threads
        assertEquals(128, g.blockThreads(2048, false));
        assertEquals(
                128,
                KernelGeometry.of(new KernelVariant(ElementType.BF16, ElementType.BF16, 256, 4))
                        .blockThreads(2048, true));
    }

    @Test
    void checkRejectsAModuleOfAnotherAbi() {
        KernelVariant v = new KernelVariant(ElementType.FP16, ElementType.FP16, 128, 4);
        KernelGeometry g = KernelGeometry.of(v);
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> g.check(v, describe(v, g).with("abi_version", 5)));
        assertTrue(e.getMessage().contains("abi_version = 5") && e.getMessage().contains("expects 6"), e.getMessage());
        e = assertThrows(
                IllegalStateException.class, () -> g.check(v, describe(v, g).with("q_row_unit", 32)));
        assertTrue(e.getMessage().contains("q_row_unit = 32"), e.getMessage());
    }

    @Test
    void readChecksTheVersionAndTheStructSizeFirst() {
        KernelVariant v = new KernelVariant(ElementType.BF16, ElementType.BF16, 128, 4);
        KernelGeometry g = KernelGeometry.of(v);
        assertEquals(22 * 4, KernelDescription.LAYOUT.byteSize());
        MemorySegment bytes = MemorySegment.ofArray(new byte[KernelDescription.BUFFER_BYTES]);
        long off = 0;
        for (int x : describe(v, g).fields().values()) {
            bytes.set(ValueLayout.JAVA_INT_UNALIGNED, off, x);
            off += 4;
        }
        KernelDescription read = KernelDescription.read(bytes);
        assertEquals(describe(v, g).fields(), read.fields());
        assertDoesNotThrow(() -> g.check(v, read));
        bytes.set(ValueLayout.JAVA_INT_UNALIGNED, 4, 84); // a struct of another size
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelDescription.read(bytes));
        assertTrue(e.getMessage().contains("XqaDescribe is 84 bytes"), e.getMessage());
        bytes.set(ValueLayout.JAVA_INT_UNALIGNED, 0, 5); // ABI 5 wrote 21 ints, version first
        e = assertThrows(IllegalStateException.class, () -> KernelDescription.read(bytes));
        assertTrue(e.getMessage().contains("ABI version 5"), e.getMessage());
    }
}
