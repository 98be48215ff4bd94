package org.sparkxqa.core.gpu.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/** fp8 K/V specs select kernel variants of their own, for every q type, head dim and group. */
class KernelVariantFp8Test {
    @ParameterizedTest(name = "q {0}, k/v {1}")
    @CsvSource({"BF16, E4M3", "FP16, E4M3", "BF16, E5M2", "FP16, E5M2"})
    void anFp8SpecSelectsItsVariant(ElementType q, ElementType kv) {
        AttentionSpec spec = AttentionSpec.of(q, 8, 2, 128).withKvType(kv).withKvScales(0.5f, 2f);
        KernelVariant v = KernelVariant.of(spec);
        assertEquals(new KernelVariant(q, kv, 128, 4), v);
        assertEquals(
                Map.of("XQA_Q_TYPE", q.ordinal(), "XQA_KV_TYPE", kv.ordinal(), "XQA_HEAD_DIM", 128, "XQA_GROUP", 4),
                v.macros());
        assertEquals(kv == ElementType.E4M3 ? 2 : 3, v.macros().get("XQA_KV_TYPE"));
        assertEquals("q_" + q.sqlName() + "-kv_" + kv.sqlName() + "-d128-g4", v.label());
        assertEquals(v, KernelVariant.of(spec.withKvScales(1f, 1f)), "the scales are launch values, not macros");
    }

    @ParameterizedTest
    @EnumSource(
            value = ElementType.class,
            names = {"E4M3", "E5M2"})
    void everyHeadDimAndGroupHasAnFp8VariantForBothQTypes(ElementType kv) {
        List<KernelVariant> all = KernelVariant.all();
        for (ElementType q : KernelVariant.Q_TYPES) {
            for (int d : new int[] {64, 128, 256}) {
                for (int g = 1; g <= AttentionSpec.MAX_GROUP; g++) {
                    assertTrue(all.contains(new KernelVariant(q, kv, d, g)), q + " " + kv + " d" + d + " g" + g);
                }
            }
        }
        assertEquals(2 * 4 * 3 * AttentionSpec.MAX_GROUP, all.size());
    }

    @ParameterizedTest
    @EnumSource(
            value = ElementType.class,
            names = {"E4M3", "E5M2"})
    void fp8IsNeverAQType(ElementType fp8) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new KernelVariant(fp8, ElementType.BF16, 128, 4));
        assertEquals("no kernel variant for q type " + fp8 + ", k/v type BF16", e.getMessage());
    }
}
