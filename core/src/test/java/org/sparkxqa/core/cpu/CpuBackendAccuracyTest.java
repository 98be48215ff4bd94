package org.sparkxqa.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkxqa.core.cpu.AccuracyCase.BF16;
import static org.sparkxqa.core.cpu.AccuracyCase.FP16;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.reference.Float64Attention;
import org.sparkxqa.core.reference.RelativeError;
import org.sparkxqa.core.testing.RandomRequests;
import org.sparkxqa.core.testing.RandomRequests.Draft;

/** The CPU backend against the float64 {@link Float64Attention} over lengths, groups, dims, types and windows. */
class CpuBackendAccuracyTest {
    private static final CpuBackend BACKEND = new CpuBackend(2);

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    static Stream<AccuracyCase> matrix() {
        List<AccuracyCase> cases = new ArrayList<>();
        for (int[] lengths : new int[][] {
            {1, 1}, {2, 2}, {33, 33}, {64, 64}, {1, 37}, {2, 37}, {31, 37}, {32, 37}, {33, 37}, {5, 256}, {5, 257},
            {16, 513}, {8, 577}
        }) {
            cases.add(AccuracyCase.of(FP16, 4, 2, 128, lengths[0], lengths[1]));
        }
        cases.add(AccuracyCase.of(BF16, 2, 1, 64, 63, 577));
        cases.add(AccuracyCase.of(FP16, 2, 1, 64, 64, 577));
        cases.add(AccuracyCase.of(FP16, 1, 1, 64, 1, 4097));
        cases.add(AccuracyCase.of(BF16, 1, 1, 64, 33, 4097));
        cases.add(AccuracyCase.of(BF16, 2, 1, 64, 64, 4097));
        for (int[] heads : new int[][] {
            {1, 1}, {2, 1}, {3, 1}, {6, 2}, {4, 1}, {12, 3}, {8, 1}, {16, 2}, {32, 4}, {16, 1}, {32, 2}, {64, 4},
            {32, 1}, {96, 3}, {128, 4}
        }) {
            cases.add(AccuracyCase.of(BF16, heads[0], heads[1], 64, 7, 37));
        }
        for (int dim : new int[] {64, 128, 256}) {
            cases.add(AccuracyCase.of(FP16, 4, 1, dim, 9, 100));
            cases.add(AccuracyCase.of(BF16, 4, 1, dim, 9, 100));
        }
        cases.add(AccuracyCase.of(BF16, 8, 2, 128, 17, 300).kv(FP16));
        cases.add(AccuracyCase.of(FP16, 8, 2, 128, 17, 300).kv(BF16));
        cases.add(AccuracyCase.of(BF16, 32, 1, 256, 3, 70).kv(FP16));
        cases.add(AccuracyCase.of(FP16, 4, 2, 64, 8, 8).window(1));
        cases.add(AccuracyCase.of(FP16, 4, 2, 64, 8, 8).window(3));
        cases.add(AccuracyCase.of(BF16, 4, 2, 64, 33, 40).window(16));
        cases.add(AccuracyCase.of(BF16, 2, 1, 64, 12, 577).window(40));
        cases.add(AccuracyCase.of(FP16, 2, 1, 128, 12, 300).window(299));
        cases.add(AccuracyCase.of(FP16, 2, 1, 128, 12, 300).window(5000));
        cases.add(AccuracyCase.of(FP16, 4, 1, 128, 9, 200).scale(0.3f));
        cases.add(AccuracyCase.of(BF16, 4, 1, 64, 9, 200).scale(1.0f));
        cases.add(AccuracyCase.of(FP16, 4, 2, 256, 9, 200).scale(0.01f).window(50));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void matchesTheFloat64ReferenceForChainsTreesAndPackedMasks(AccuracyCase c) {
        RandomRequests random = new RandomRequests(c.seed());
        List<Request> batch = new ArrayList<>();
        for (Draft draft : Draft.values()) {
            batch.add(random.request(c.spec(), c.lq(), c.lk(), draft));
        }
        List<byte[]> outs = BACKEND.attend(c.spec(), batch);
        assertEquals(batch.size(), outs.size());
        for (int n = 0; n < batch.size(); n++) {
            Request r = batch.get(n);
            Draft draft = Draft.values()[n];
            float[] out = c.spec().qType().decodeAll(outs.get(n));
            assertEquals(r.lq() * c.spec().qHeads() * c.spec().headDim(), out.length);
            for (float x : out) {
                assertFalse(Float.isNaN(x), () -> c + " " + draft + ": NaN in output");
            }
            double error = RelativeError.of(out, Float64Attention.attend(c.spec(), r));
            assertTrue(
                    error <= c.tolerance(),
                    () -> c + " " + draft + ": relative error " + error + " > " + c.tolerance());
        }
    }
}
