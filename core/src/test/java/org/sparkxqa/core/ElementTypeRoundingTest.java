package org.sparkxqa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Encoding rounds to nearest, ties to even, overflows to infinity and keeps subnormals. */
class ElementTypeRoundingTest {

    @ParameterizedTest
    @EnumSource(
            value = ElementType.class,
            names = {"FP16", "BF16"})
    void midpointsAndTheirNeighboursRoundLikeTheReference(ElementType type) {
        SmallFloatReference reference = SmallFloatReference.of(type);
        for (int bits = 0; bits < reference.infinityBits(); bits++) {
            float mid = (float) ((reference.magnitude(bits) + reference.magnitude(bits + 1)) / 2);
            for (float x : new float[] {mid, Math.nextDown(mid), Math.nextUp(mid)}) {
                assertEncodesLikeReference(type, reference, x);
                assertEncodesLikeReference(type, reference, -x);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = ElementType.class,
            names = {"FP16", "BF16"})
    void randomFloatsRoundLikeTheReference(ElementType type) {
        SmallFloatReference reference = SmallFloatReference.of(type);
        Random random = new Random(20240601L + type.ordinal());
        for (int n = 0; n < 100_000; n++) {
            float x = n % 2 == 0 ? Float.intBitsToFloat(random.nextInt()) : (float) (random.nextGaussian() * 100);
            if (!Float.isNaN(x)) {
                assertEncodesLikeReference(type, reference, x);
            }
        }
    }

    @Test
    void chosenTiesGoToTheEvenNeighbour() {
        assertBits(0x3C00, ElementType.FP16, 1 + 0x1p-11f);
        assertBits(0x3C02, ElementType.FP16, 1 + 3 * 0x1p-11f);
        assertBits(0x3C01, ElementType.FP16, 1 + 0x1p-11f + 0x1p-20f);
        assertBits(0xBC00, ElementType.FP16, -(1 + 0x1p-11f));
        assertBits(0x3F80, ElementType.BF16, 1 + 0x1p-8f);
        assertBits(0x3F82, ElementType.BF16, 1 + 3 * 0x1p-8f);
        assertBits(0x3F81, ElementType.BF16, 1 + 0x1p-8f + 0x1p-20f);
        assertBits(0xBF80, ElementType.BF16, -(1 + 0x1p-8f));
    }

    @Test
    void largeValuesOverflowToInfinity() {
        assertBits(0x7BFF, ElementType.FP16, 65504f);
        assertBits(0x7BFF, ElementType.FP16, Math.nextDown(65520f));
        assertBits(0x7C00, ElementType.FP16, 65520f);
        assertBits(0xFC00, ElementType.FP16, -65520f);
        assertBits(0x7C00, ElementType.FP16, 1e10f);
        assertBits(0x7F7F, ElementType.BF16, Float.intBitsToFloat(0x7F7F7FFF));
        assertBits(0x7F80, ElementType.BF16, Float.MAX_VALUE);
        assertBits(0xFF80, ElementType.BF16, -Float.MAX_VALUE);
        assertBits(0x7F80, ElementType.BF16, Float.POSITIVE_INFINITY);
    }

    @Test
    void subnormalsAreKeptAndRoundToEven() {
        assertBits(0x0001, ElementType.FP16, 0x1p-24f);
        assertBits(0x0000, ElementType.FP16, 0x1p-25f);
        assertBits(0x0001, ElementType.FP16, Math.nextUp(0x1p-25f));
        assertBits(0x0002, ElementType.FP16, 3 * 0x1p-25f);
        assertBits(0x03FF, ElementType.FP16, 0x1p-14f - 0x1p-24f);
        assertBits(0x8000, ElementType.FP16, -0x1p-26f);
        assertBits(0x0001, ElementType.BF16, 0x1p-133f);
        assertBits(0x0000, ElementType.BF16, 0x1p-134f);
        assertBits(0x0002, ElementType.BF16, 3 * 0x1p-134f);
        assertBits(0x0000, ElementType.BF16, Float.MIN_VALUE);
        assertBits(0x8000, ElementType.BF16, -0f);
    }

    private static void assertBits(int expected, ElementType type, float x) {
        assertEquals((short) expected, type.encode(x), type + " encode(" + x + ")");
    }

    private static void assertEncodesLikeReference(ElementType type, SmallFloatReference reference, float x) {
        assertEquals(
                (short) reference.nearest(x),
                type.encode(x),
                () -> type + " encode(" + x + " = 0x" + Integer.toHexString(Float.floatToRawIntBits(x)) + ")");
    }
}
