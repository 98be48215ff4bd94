package org.sparkxqa.core.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/** The rules of the one error measure: relative L2, absolute on a zero reference, +∞ on NaN or a mismatch. */
class RelativeErrorTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void relativeL2OverTheWholeOutput() {
        assertEquals(0.0, RelativeError.of(new float[] {3f, 4f}, new double[] {3, 4}), 0.0);
        assertEquals(0.2, RelativeError.of(new float[] {3f, 5f}, new double[] {3, 4}), 1e-12, "|(0,1)| / |(3,4)|");
    }

    @Test
    void aZeroReferenceUsesTheAbsoluteNorm() {
        assertEquals(0.0, RelativeError.of(new float[] {0f, 0f}, new double[] {0, 0}), 0.0);
        assertEquals(5e-4, RelativeError.of(new float[] {3e-4f, -4e-4f}, new double[] {0, 0}), 1e-9);
    }

    @Test
    void nanOrInfinityAnywhereIsInfinite() {
        assertEquals(INF, RelativeError.of(new float[] {Float.NaN, 1f}, new double[] {1, 1}));
        assertEquals(INF, RelativeError.of(new float[] {1f, 1f}, new double[] {Double.NaN, 1}));
        assertEquals(INF, RelativeError.of(new float[] {Float.POSITIVE_INFINITY}, new double[] {1}));
        assertEquals(INF, RelativeError.of(new float[] {Float.NaN}, new double[] {0}), "NaN against a zero reference");
    }

    @Test
    void aLengthMismatchIsInfinite() {
        assertEquals(INF, RelativeError.of(new float[3], new double[2]));
        assertEquals(INF, RelativeError.of(ElementType.FP16, new byte[4], new double[3]));
    }

    @Test
    void encodedOutputIsDecodedWithItsElementType() {
        byte[] bf16 = ElementType.BF16.encodeAll(new float[] {2f, -1f});
        assertEquals(0.0, RelativeError.of(ElementType.BF16, bf16, new double[] {2, -1}), 0.0);
        byte[] nan = ElementType.FP16.encodeAll(new float[] {Float.NaN});
        assertEquals(INF, RelativeError.of(ElementType.FP16, nan, new double[] {1}));
    }

    @Test
    void toleranceIsLooserWhenAnyInputIsBf16() {
        assertEquals(2e-3, RelativeError.tolerance(AttentionSpec.of(ElementType.FP16, 4, 2, 64)));
        assertEquals(1e-2, RelativeError.tolerance(AttentionSpec.of(ElementType.BF16, 4, 2, 64)));
        assertEquals(
                2e-3,
                RelativeError.tolerance(
                        AttentionSpec.of(ElementType.FP16, 4, 2, 64).withKvType(ElementType.E4M3)));
        assertEquals(
                1e-2,
                RelativeError.tolerance(
                        AttentionSpec.of(ElementType.BF16, 4, 2, 64).withKvType(ElementType.E5M2)));
    }
}
