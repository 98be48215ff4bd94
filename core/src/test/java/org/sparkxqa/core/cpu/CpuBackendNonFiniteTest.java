package org.sparkxqa.core.cpu;

import static org.sparkxqa.core.testing.NonFiniteCases.with;
import static org.sparkxqa.core.testing.NonFiniteRequests.check;
import static org.sparkxqa.core.testing.NonFiniteRequests.clean;
import static org.sparkxqa.core.testing.NonFiniteRequests.poke;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.testing.NonFiniteCases;
import org.sparkxqa.core.testing.NonFiniteRequests.RowRule;

/**
 * NaN and infinities in q/k/v on the CPU backend (docs/DESIGN.md §1 "Non-finite inputs"): they reach
 * exactly the outputs whose softmax or weighted sum sees them; every other output, of the same request
 * and of its neighbours in the batch, keeps its bits; nothing fails.
 */
class CpuBackendNonFiniteTest {
    private static final CpuBackend CPU = new CpuBackend(2);

    @AfterAll
    static void close() {
        CPU.close();
    }

    @Test
    void nonFiniteValuesReachOnlyTheOutputsThatSeeThem() {
        NonFiniteCases.runAll(CPU);
    }

    @Test
    void aNonFiniteValueOfAKeyARowDoesNotSeeNeverReachesThatRow() {
        AttentionSpec fp16 = AttentionSpec.of(ElementType.FP16, 4, 2, 64);
        byte[][] c = clean(fp16, 3);
        check(
                CPU,
                fp16,
                c,
                with(c, 2, poke(ElementType.FP16, c[2], (18 * 2 + 1) * 64 + 7, 0x7E00)),
                RowRule.NONE,
                (i, h) -> i == 2 && h >= 2,
                7,
                "NaN in v of draft 2 (seen by row 2 only), KV head 1");
    }

    @Test
    void fp8NanAndInfinityCodesPropagateLikeSixteenBitOnes() {
        AttentionSpec e4m3 = new AttentionSpec(
                ElementType.BF16, ElementType.E4M3, 4, 2, 64, AttentionSpec.defaultScale(64), 0, 0.05f, 0.05f);
        byte[][] c = clean(e4m3, 4);
        check(
                CPU,
                e4m3,
                c,
                with(c, 1, poke(ElementType.E4M3, c[1], (18 * 2 + 1) * 64 + 9, 0x7F)),
                (i, h) -> i == 2 && h >= 2,
                RowRule.NONE,
                -1,
                "e4m3 NaN (0x7F) in k of draft 2, KV head 1");
        AttentionSpec e5m2 = e4m3.withKvType(ElementType.E5M2);
        byte[][] d = clean(e5m2, 5);
        check(
                CPU,
                e5m2,
                d,
                with(d, 2, poke(ElementType.E5M2, d[2], 5 * 2 * 64, 0x7C)),
                RowRule.NONE,
                (i, h) -> h < 2,
                0,
                "e5m2 +Inf (0x7C) in v of prefix key 5, KV head 0, dim 0");
        check(
                CPU,
                e5m2,
                d,
                with(d, 1, poke(ElementType.E5M2, d[1], (17 * 2) * 64 + 1, 0x7E)),
                (i, h) -> (i == 1 || i == 3) && h < 2,
                RowRule.NONE,
                -1,
                "e5m2 NaN (0x7E) in k of draft 1, KV head 0");
    }
}
