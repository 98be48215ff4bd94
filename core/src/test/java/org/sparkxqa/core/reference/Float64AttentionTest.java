package org.sparkxqa.core.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.cpu.CpuBackend;

/** The float64 reference on hand-computed cases, and against the CPU backend. */
class Float64AttentionTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.FP16, 2, 1, 64);

    private static byte[] constant(float value, int elements) {
        float[] v = new float[elements];
        java.util.Arrays.fill(v, value);
        return ElementType.FP16.encodeAll(v);
    }

    private static byte[] random(ElementType type, int elements, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[elements];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return type.encodeAll(v);
    }

    @Test
    void singleKeyReturnsItsValue() {
        byte[] v = random(ElementType.FP16, 64, 1);
        byte[] q = random(ElementType.FP16, 128, 2);
        double[] out = Float64Attention.attend(SPEC, q, random(ElementType.FP16, 64, 3), v, null, null);
        float[] expected = ElementType.FP16.decodeAll(v);
        for (int h = 0; h < 2; h++) {
            for (int d = 0; d < 64; d++) {
                assertEquals(expected[d], out[h * 64 + d], 0.0);
            }
        }
    }

    @Test
    void equalScoresAverageTheVisibleValues() {
        int lk = 3;
        float[] values = new float[lk * 64];
        for (int j = 0; j < lk; j++) {
            java.util.Arrays.fill(values, j * 64, (j + 1) * 64, j + 1);
        }
        byte[] v = ElementType.FP16.encodeAll(values);
        byte[] k = constant(0.5f, lk * 64);
        double[] chain = Float64Attention.attend(SPEC, constant(1f, 2 * 128), k, v, null, null);
        assertEquals(1.5, chain[0], 1e-12, "token 0 sees the prefix key and itself: (1+2)/2");
        assertEquals(2.0, chain[128], 1e-12, "token 1 sees all three: (1+2+3)/3");
        double[] siblings = Float64Attention.attend(SPEC, constant(1f, 2 * 128), k, v, new int[] {-1, -1}, null);
        assertEquals(2.0, siblings[128], 1e-12, "a sibling does not see draft 0: (1+3)/2");
        double[] windowed = Float64Attention.attend(SPEC.withWindow(1), constant(1f, 2 * 128), k, v, null, null);
        assertEquals(3.0, windowed[128], 1e-12, "window 1: only itself");
    }

    @Test
    void agreesWithTheCpuBackend() {
        AttentionSpec spec = new AttentionSpec(ElementType.BF16, ElementType.BF16, 8, 2, 128, 0.1f, 0);
        try (CpuBackend cpu = new CpuBackend(2)) {
            for (int[] shape : List.of(new int[] {1, 1}, new int[] {4, 37}, new int[] {7, 577})) {
                int lq = shape[0];
                int lk = shape[1];
                byte[] q = random(ElementType.BF16, lq * 8 * 128, lk);
                byte[] k = random(ElementType.BF16, lk * 2 * 128, lk + 1);
                byte[] v = random(ElementType.BF16, lk * 2 * 128, lk + 2);
                int[] parents = lq == 4 ? new int[] {-1, 0, -1, 1} : null;
                byte[] out = cpu.attend(spec, List.of(Request.of(spec, q, k, v, parents, null)))
                        .getFirst();
                double error =
                        RelativeError.of(ElementType.BF16, out, Float64Attention.attend(spec, q, k, v, parents, null));
                assertTrue(error < 5e-3, "Lq=" + lq + " Lk=" + lk + ": relative error " + error);
            }
        }
    }

    @Test
    void requestFormAgreesWithTheByteForm() {
        AttentionSpec spec = AttentionSpec.of(ElementType.BF16, 4, 2, 64).withWindow(5);
        byte[] q = random(ElementType.BF16, 6 * 4 * 64, 7);
        byte[] k = random(ElementType.BF16, 20 * 2 * 64, 8);
        byte[] v = random(ElementType.BF16, 20 * 2 * 64, 9);
        int[] parents = {-1, 0, 0, 2, -1, 4};
        assertArrayEquals(
                Float64Attention.attend(spec, q, k, v, parents, null),
                Float64Attention.attend(spec, Request.of(spec, q, k, v, parents, null)),
                0.0);
    }

    @Test
    void aQueryTokenThatSeesNothingGivesZeros() {
        byte[] packed = {1, 0, 0, 0, 0, 0, 0, 0};
        double[] out = Float64Attention.attend(
                SPEC.withWindow(1), constant(1f, 2 * 128), constant(1f, 2 * 64), constant(1f, 2 * 64), null, packed);
        for (int e = 128; e < 256; e++) {
            assertEquals(0.0, out[e], 0.0, "token 1 sees only draft 0, which the window hides; element " + e);
        }
        assertEquals(1.0, out[0], 0.0, "token 0 sees itself");
    }
}
