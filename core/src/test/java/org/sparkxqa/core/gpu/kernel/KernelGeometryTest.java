package org.sparkxqa.core.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.KernelVariant;

class KernelGeometryTest {

  /** What xqa_describe writes for a variant (as seen on the device for bf16, D=256, G=5). */
  private static int[] describe(KernelVariant v, KernelGeometry g) {
    return new int[] {1, v.qType().ordinal(), v.kvType().ordinal(), v.headDim(), v.group(), g.threads(), g.ctaRows(),
        g.tileKeys(), 4, g.stageBytes(), g.rowBytes(), 4, 32, 16, 8, g.warpRows()};
  }

  @Test
  void geometryPerHeadDim() {
    KernelGeometry d64 = KernelGeometry.of(new KernelVariant(ElementType.FP16, ElementType.FP16, 64, 1));
    KernelGeometry d128 = KernelGeometry.of(new KernelVariant(ElementType.BF16, ElementType.BF16, 128, 8));
    KernelGeometry d256 = KernelGeometry.of(new KernelVariant(ElementType.BF16, ElementType.FP16, 256, 32));
    assertEquals(16 * 1024, d64.stageBytes());
    assertEquals(32 * 1024, d128.stageBytes());
    assertEquals(64 * 1024, d256.stageBytes());
    assertEquals(64, d256.ctaRows());
    assertEquals(128 * 256, d128.qSmemBytes(2048));
    assertEquals(32 * 256, d128.qSmemBytes(1));
    assertEquals(96 * 256, d128.qSmemBytes(65));
    assertEquals(16 * 512, d256.qSmemBytes(3));
    // Deepest pipeline that keeps 2 CTAs per SM (1 for D=256) on sm_90; sm_80 has less memory.
    assertEquals(2, d128.stages(128, DeviceLimits.SM90));
    assertEquals(3, d128.stages(64, DeviceLimits.SM90));
    assertEquals(4, d64.stages(2048, DeviceLimits.SM90));
    assertEquals(3, d256.stages(64, DeviceLimits.SM90));
    assertEquals(2, d256.stages(64, DeviceLimits.SM80));
    assertEquals(3 * 32 * 1024 + 64 * 256, d128.smemBytes(64, 3));
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
    int[] desc = describe(v, g);
    assertDoesNotThrow(() -> g.check(v, desc));
    desc[9] = 3;
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.check(v, desc));
    assertTrue(e.getMessage().contains("stage bytes"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> g.check(v, new int[3]));
  }
}
