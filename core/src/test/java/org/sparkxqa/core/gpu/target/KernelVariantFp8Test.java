package org.sparkxqa.core.gpu.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/** Until the kernel loads fp8 K/V, an fp8 spec has no kernel variant, and says so. */
class KernelVariantFp8Test {
  @ParameterizedTest
  @EnumSource(value = ElementType.class, names = {"E4M3", "E5M2"})
  void anFp8SpecHasNoVariantAndTheErrorSaysWhereItRuns(ElementType kv) {
    AttentionSpec spec = AttentionSpec.of(ElementType.BF16, 8, 2, 128).withKvType(kv).withKvScales(0.5f, 2f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelVariant.of(spec));
    assertEquals("no kernel variant for q type BF16, k/v type " + kv
        + " (fp8 K/V runs on the CPU backend only, for now)", e.getMessage());
    assertTrue(KernelVariant.all().stream().noneMatch(v -> v.kvType().isFp8()), "no fp8 variant is compiled");
  }
}
