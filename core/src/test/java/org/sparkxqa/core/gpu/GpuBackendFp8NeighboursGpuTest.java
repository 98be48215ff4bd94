package org.sparkxqa.core.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.testing.RandomRequests;
import org.sparkxqa.core.testing.RandomRequests.Draft;

/**
 * The fp8 kernel's neighbours: the codes of a neighbouring request (NaN and infinities included),
 * which a K/V tile may load past a request's end, never change a request's bytes. The fp8 specs here
 * also run through {@link GpuBackendInvarianceGpuTest} (alone vs in a batch, shuffled, chunked, repeated).
 */
@Tag("gpu")
class GpuBackendFp8NeighboursGpuTest {
    static final AttentionSpec E4M3 = AttentionSpec.of(ElementType.BF16, 32, 8, 128)
            .withKvType(ElementType.E4M3)
            .withKvScales(0.0123f, 0.011f);
    static final AttentionSpec E5M2 = AttentionSpec.of(ElementType.FP16, 8, 2, 64)
            .withKvType(ElementType.E5M2)
            .withKvScales(0.5f, 2f)
            .withWindow(700);
    private static GpuBackend gpu;

    @BeforeAll
    static void open() {
        gpu = GpuBackends.openOrSkip(List.of(E4M3, E5M2));
    }

    @AfterAll
    static void close() {
        if (gpu != null) {
            gpu.close();
        }
    }

    @Test
    void neighboursOfNonFiniteCodesAreUntouched() {
        for (AttentionSpec spec : List.of(E4M3, E5M2)) {
            RandomRequests random = new RandomRequests(41);
            byte nan = (byte) 0x7F; // e4m3 NaN S.1111.111; in e5m2 a NaN too (exponent 11111, mantissa 11)
            byte inf = (byte) (spec.kvType() == ElementType.E5M2 ? 0x7C : 0x7E); // e5m2 +Inf; e4m3 448
            List<Request> clean = List.of(
                    random.request(spec, 3, 61, Draft.CHAIN),
                    random.request(spec, 9, 130, Draft.TREE),
                    random.request(spec, 1, 2000, Draft.CHAIN));
            List<Request> batch = new ArrayList<>();
            for (Request r : clean) {
                batch.add(r);
                batch.add(filled(spec, random, 5, 67, nan));
                batch.add(filled(spec, random, 2, 70, inf));
            }
            List<byte[]> out = gpu.attend(spec, batch);
            for (int c = 0; c < clean.size(); c++) {
                byte[] alone = gpu.attend(spec, List.of(clean.get(c))).getFirst();
                assertArrayEquals(
                        alone, out.get(3 * c), spec + ": clean request " + c + " between non-finite neighbours");
                float[] values = spec.qType().decodeAll(alone);
                assertTrue(
                        Arrays.stream(toDoubles(values)).allMatch(Double::isFinite), spec + ": clean output is finite");
            }
        }
    }

    private static Request filled(AttentionSpec spec, RandomRequests random, int lq, int lk, byte code) {
        byte[] k = new byte[lk * spec.kvTokenBytes()];
        Arrays.fill(k, code);
        return Request.of(
                spec,
                random.normalValues(spec.qType(), lq * spec.qHeads() * spec.headDim(), 1),
                k,
                k.clone(),
                null,
                null);
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
