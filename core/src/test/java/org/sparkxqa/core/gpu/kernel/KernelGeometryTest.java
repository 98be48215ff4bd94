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
        g.tileKeys(), g.stages(), g.kvSmemBytes(), g.rowBytes(), 4, 32, 16, 8, g.warpRows()};
  }

  @Test
  void geometryPerHeadDim() {
    KernelGeometry d64 = KernelGeometry.of(new KernelVariant(ElementType.FP16, ElementType.FP16, 64, 1));
    KernelGeometry d128 = KernelGeometry.of(new KernelVariant(ElementType.BF16, ElementType.BF16, 128, 8));
    KernelGeometry d256 = KernelGeometry.of(new KernelVariant(ElementType.BF16, ElementType.FP16, 256, 32));
    assertEquals(48 * 1024, d64.kvSmemBytes());
    assertEquals(64 * 1024, d128.kvSmemBytes());
    assertEquals(128 * 1024, d256.kvSmemBytes());
    assertEquals(64, d256.ctaRows());
    assertEquals(64 * 1024 + 128 * 256, d128.smemBytes(2048));
    assertEquals(64 * 1024 + 32 * 256, d128.smemBytes(1));
    assertEquals(64 * 1024 + 96 * 256, d128.smemBytes(65));
    assertEquals(128 * 1024 + 16 * 512, d256.smemBytes(3));
    for (KernelVariant v : KernelVariant.all()) {
      assertTrue(KernelGeometry.of(v).smemBytes(64 * 32) <= 227 * 1024, v.label());
    }
  }

  @Test
  void checkAcceptsTheKernelsOwnNumbersAndNamesAMismatch() {
    KernelVariant v = new KernelVariant(ElementType.BF16, ElementType.BF16, 256, 5);
    KernelGeometry g = KernelGeometry.of(v);
    int[] desc = describe(v, g);
    assertDoesNotThrow(() -> g.check(v, desc));
    desc[8] = 3;
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.check(v, desc));
    assertTrue(e.getMessage().contains("stages"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> g.check(v, new int[3]));
  }
}
