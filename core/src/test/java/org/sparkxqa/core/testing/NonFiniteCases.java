package org.sparkxqa.core.testing;

import static org.sparkxqa.core.testing.NonFiniteRequests.check;
import static org.sparkxqa.core.testing.NonFiniteRequests.clean;
import static org.sparkxqa.core.testing.NonFiniteRequests.poke;

import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.testing.NonFiniteRequests.RowRule;

/**
 * The non-finite cases every backend must pass (docs/DESIGN.md §1 "Non-finite inputs"), over fp16 and
 * bf16 with Hq=4, Hkv=2 (heads 0, 1 read KV head 0), D=64. Keys: prefix 0..15, drafts 16..19.
 */
public final class NonFiniteCases {
    static final int FP16_NAN = 0x7E00;
    static final int FP16_INF = 0x7C00;
    static final int BF16_INF = 0x7F80;

    private NonFiniteCases() {}

    /** Runs every case on {@code backend}. */
    public static void runAll(AttentionBackend backend) {
        AttentionSpec fp16 = AttentionSpec.of(ElementType.FP16, 4, 2, 64);
        AttentionSpec bf16 = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
        byte[][] c = clean(fp16, 1);
        check(
                backend,
                fp16,
                c,
                with(c, 0, poke(ElementType.FP16, c[0], (2 * 4 + 1) * 64 + 5, FP16_NAN)),
                (i, h) -> i == 2 && h == 1,
                RowRule.NONE,
                -1,
                "NaN in q[2, 1]");
        check(
                backend,
                fp16,
                c,
                with(c, 1, poke(ElementType.FP16, c[1], (17 * 2) * 64 + 3, FP16_NAN)),
                (i, h) -> (i == 1 || i == 3) && h < 2,
                RowRule.NONE,
                -1,
                "NaN in k of draft 1, KV head 0");
        AttentionSpec windowed = fp16.withWindow(8);
        check(
                backend,
                windowed,
                c,
                with(c, 1, poke(ElementType.FP16, c[1], (10 * 2) * 64, FP16_NAN)),
                (i, h) -> i < 2 && h < 2,
                RowRule.NONE,
                -1,
                "NaN in k of key 10, inside the window of rows 0 and 1 only");
        check(
                backend,
                fp16,
                c,
                with(c, 2, poke(ElementType.FP16, c[2], (5 * 2 + 1) * 64 + 7, FP16_INF)),
                RowRule.NONE,
                (i, h) -> h >= 2,
                7,
                "+Inf in v of prefix key 5, KV head 1, dim 7");
        byte[][] positive = c.clone();
        for (int i = 0; i < 4 * 4; i++) {
            positive[0] = poke(ElementType.FP16, positive[0], i * 64L + 3, 0x3C00);
        }
        check(
                backend,
                fp16,
                positive,
                with(positive, 1, poke(ElementType.FP16, positive[1], (17 * 2) * 64 + 3, FP16_INF)),
                (i, h) -> (i == 1 || i == 3) && h < 2,
                RowRule.NONE,
                -1,
                "+Inf in k of draft 1 where q > 0: a +Inf score");
        byte[][] b = clean(bf16, 2);
        check(
                backend,
                bf16,
                b,
                with(b, 0, poke(ElementType.BF16, b[0], 0, BF16_INF)),
                (i, h) -> i == 0 && h == 0,
                RowRule.NONE,
                -1,
                "+Inf in q[0, 0]");
    }

    /** A copy of {@code qkv} with part {@code part} (0 q, 1 k, 2 v) replaced. */
    public static byte[][] with(byte[][] qkv, int part, byte[] bytes) {
        byte[][] out = qkv.clone();
        out[part] = bytes;
        return out;
    }
}
