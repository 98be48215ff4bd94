package org.sparkxqa.core.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkxqa.core.cpu.AccuracyCase.BF16;
import static org.sparkxqa.core.cpu.AccuracyCase.FP16;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.reference.Float64Attention;
import org.sparkxqa.core.reference.RelativeError;
import org.sparkxqa.core.testing.RandomRequests;
import org.sparkxqa.core.testing.RandomRequests.Draft;

/**
 * fp8 K/V on the CPU backend against the float64 {@link Float64Attention} (which dequantises in double):
 * e4m3/e5m2 with bf16/fp16 q/out, with and without scales. The fp8 decode is exact, so the tolerance
 * is the output type's (bf16 1e-2, fp16 2e-3), as for 16-bit K/V.
 */
class CpuBackendFp8Test {
    private static final CpuBackend BACKEND = new CpuBackend(2);
    private static final ElementType E4M3 = ElementType.E4M3;
    private static final ElementType E5M2 = ElementType.E5M2;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    static Stream<AccuracyCase> matrix() {
        List<AccuracyCase> cases = new ArrayList<>();
        for (ElementType kv : new ElementType[] {E4M3, E5M2}) {
            for (ElementType q : new ElementType[] {BF16, FP16}) {
                cases.add(AccuracyCase.of(q, 4, 2, 128, 1, 1).kv(kv));
                cases.add(AccuracyCase.of(q, 4, 2, 64, 64, 64).kv(kv));
                cases.add(AccuracyCase.of(q, 8, 1, 256, 5, 257).kv(kv).kvScales(1f / 64, 0.05f));
                cases.add(AccuracyCase.of(q, 32, 1, 64, 3, 300).kv(kv).kvScales(0.01f, 0.01f));
                cases.add(
                        AccuracyCase.of(q, 6, 2, 128, 12, 577).kv(kv).window(40).kvScales(0.125f, 3f));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void matchesTheFloat64ReferenceWithinTheOutputTypesTolerance(AccuracyCase c) {
        RandomRequests random = new RandomRequests(c.seed());
        List<Request> batch = new ArrayList<>();
        for (Draft draft : Draft.values()) {
            batch.add(random.request(c.spec(), c.lq(), c.lk(), draft));
        }
        List<byte[]> outs = BACKEND.attend(c.spec(), batch);
        for (int n = 0; n < batch.size(); n++) {
            float[] out = c.spec().qType().decodeAll(outs.get(n));
            double error = RelativeError.of(out, Float64Attention.attend(c.spec(), batch.get(n)));
            Draft draft = Draft.values()[n];
            assertTrue(
                    error <= c.tolerance(),
                    () -> c + " " + draft + ": relative error " + error + " > " + c.tolerance());
        }
    }

    @Test
    void theKScaleMultipliesTheScoreScaleAndTheVScaleTheOutput() {
        AttentionSpec plain = AttentionSpec.of(BF16, 4, 2, 64).withKvType(E4M3).withScale(0.125f);
        Request r = new RandomRequests(3).request(plain, 7, 90, Draft.TREE);
        byte[] base = BACKEND.attend(plain, List.of(r)).get(0);
        byte[] kFolded = BACKEND.attend(plain.withScale(0.0625f).withKvScales(1f, 1f), List.of(r))
                .get(0);
        byte[] kScaled =
                BACKEND.attend(plain.withKvScales(0.5f, 1f), List.of(r)).get(0);
        assertArrayEquals(kFolded, kScaled, "scale 0.125 with k_scale 0.5 must equal scale 0.0625");
        float[] doubled = BF16.decodeAll(
                BACKEND.attend(plain.withKvScales(1f, 2f), List.of(r)).get(0));
        float[] once = BF16.decodeAll(base);
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], doubled[i], "v_scale 2 doubles element " + i);
        }
        assertTrue(!java.util.Arrays.equals(base, kScaled), "k_scale changes the softmax");
    }
}
