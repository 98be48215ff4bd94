package org.sparkxqa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparkxqa.core.testing.Failures.assertFails;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every validation rule of {@link AttentionSpec}, each failure naming its problem. */
class AttentionSpecTest {
    private static final ElementType BF16 = ElementType.BF16;

    @Test
    void acceptsEveryGroupFrom1To32AndEveryHeadDim() {
        for (int kvHeads = 1; kvHeads <= 4; kvHeads++) {
            for (int group = 1; group <= 32; group++) {
                for (int dim : new int[] {64, 128, 256}) {
                    AttentionSpec spec = AttentionSpec.of(BF16, kvHeads * group, kvHeads, dim);
                    assertEquals(group, spec.group());
                }
            }
        }
    }

    @Test
    void defaultsAndDerivedSizes() {
        AttentionSpec spec = AttentionSpec.of(ElementType.FP16, 8, 2, 128).withKvType(BF16);
        assertEquals((float) (1 / Math.sqrt(128)), spec.scale());
        assertEquals(0, spec.window());
        assertEquals(8 * 128 * 2, spec.qTokenBytes());
        assertEquals(2 * 128 * 2, spec.kvTokenBytes());
        assertEquals(BF16, spec.kvType());
        assertEquals(ElementType.FP16, spec.qType());
        assertEquals(0.25f, spec.withScale(0.25f).scale());
        assertEquals(7, spec.withWindow(7).window());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 32, 63, 96, 100, 512, -64})
    void rejectsUnsupportedHeadDims(int dim) {
        assertFails(
                IllegalArgumentException.class,
                () -> AttentionSpec.of(BF16, 4, 1, dim),
                "head dim " + dim,
                "64, 128, 256");
        assertFails(
                IllegalArgumentException.class,
                () -> AttentionSpec.defaultScale(dim),
                "head dim " + dim,
                "64, 128, 256");
    }

    @ParameterizedTest
    @CsvSource({"3, 2", "5, 4", "2, 4", "31, 3"})
    void rejectsHqNotAMultipleOfHkv(int qHeads, int kvHeads) {
        assertFails(
                IllegalArgumentException.class,
                () -> AttentionSpec.of(BF16, qHeads, kvHeads, 64),
                "Hq=" + qHeads + " is not a multiple of Hkv=" + kvHeads);
    }

    @ParameterizedTest
    @CsvSource({"33, 1, 33", "66, 2, 33", "64, 1, 64", "128, 2, 64"})
    void rejectsGroupsAbove32(int qHeads, int kvHeads, int group) {
        assertFails(
                IllegalArgumentException.class,
                () -> AttentionSpec.of(BF16, qHeads, kvHeads, 64),
                "group Hq/Hkv=" + group,
                "32");
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 0", "-4, 2", "4, -2"})
    void rejectsNonPositiveHeadCounts(int qHeads, int kvHeads) {
        assertFails(
                IllegalArgumentException.class,
                () -> AttentionSpec.of(BF16, qHeads, kvHeads, 64),
                "head counts must be positive",
                "Hq=" + qHeads,
                "Hkv=" + kvHeads);
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, -0f, -0.125f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void rejectsScalesThatAreNotFiniteAndPositive(float scale) {
        assertFails(
                IllegalArgumentException.class,
                () -> AttentionSpec.of(BF16, 4, 1, 64).withScale(scale),
                "scale must be finite and positive",
                String.valueOf(scale));
    }

    @Test
    void acceptsTinyAndLargeFiniteScales() {
        assertEquals(
                Float.MIN_VALUE,
                AttentionSpec.of(BF16, 4, 1, 64).withScale(Float.MIN_VALUE).scale());
        assertEquals(1e6f, AttentionSpec.of(BF16, 4, 1, 64).withScale(1e6f).scale());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -100, Integer.MIN_VALUE})
    void rejectsNegativeWindows(int window) {
        assertFails(
                IllegalArgumentException.class,
                () -> AttentionSpec.of(BF16, 4, 1, 64).withWindow(window),
                "window must be >= 0",
                String.valueOf(window));
    }

    @Test
    void rejectsMissingElementTypes() {
        assertFails(
                IllegalArgumentException.class,
                () -> new AttentionSpec(null, BF16, 4, 1, 64, 0.125f, 0),
                "element types");
        assertFails(
                IllegalArgumentException.class,
                () -> new AttentionSpec(BF16, null, 4, 1, 64, 0.125f, 0),
                "element types");
    }

    @Test
    void messagesSayTheSpecIsInvalid() {
        assertFails(IllegalArgumentException.class, () -> AttentionSpec.of(BF16, 4, 1, 48), "invalid attention spec");
    }
}
