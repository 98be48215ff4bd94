package org.sparkxqa.core.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.gpu.kernel.SplitSize;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.reference.Float64Attention;
import org.sparkxqa.core.reference.RelativeError;
import org.sparkxqa.core.reference.Visibility;
import org.sparkxqa.core.testing.RandomRequests;
import org.sparkxqa.core.testing.RandomRequests.Draft;

/**
 * The fp8 kernel (e4m3 and e5m2 K/V, bf16 and fp16 q/out, K/V scales other than 1) against the CPU
 * backend and the float64 reference on dequantised values (docs/fp8.md): random batches over head dims
 * and groups, and the edges: Lq 1 and 64, Lk = Lq, tails of a tile, several KV splits, windows, trees
 * whose drafts all hang off the prefix and rows that see nothing (exact zeros).
 */
@Tag("gpu")
class GpuBackendFp8GpuTest {
    private static final ElementType[] FP8 = {ElementType.E4M3, ElementType.E5M2};

    @RegisterExtension
    static final GpuAndCpuBackends BACKENDS = new GpuAndCpuBackends(GpuBackendFp8GpuTest::specs);

    /** One spec per (q type, fp8 type, head dim), groups 1..32 among them, each with its own scales. */
    static List<AttentionSpec> specs() {
        List<AttentionSpec> out = new ArrayList<>();
        int[][] shapes = {{8, 2, 64}, {32, 1, 128}, {4, 4, 256}, {12, 4, 128}};
        float[][] scales = {{0.0123f, 0.011f}, {1f / 64, 0.05f}, {0.5f, 3f}, {2f, 0.25f}};
        for (ElementType q : KernelVariant.Q_TYPES) {
            for (ElementType kv : FP8) {
                for (int s = 0; s < shapes.length; s++) {
                    out.add(AttentionSpec.of(q, shapes[s][0], shapes[s][1], shapes[s][2])
                            .withKvType(kv)
                            .withKvScales(scales[s][0], scales[s][1]));
                }
            }
        }
        return out;
    }

    /** GPU close to the CPU backend, and within the contract's tolerance of the float64 reference. */
    private static void check(AttentionSpec spec, List<Request> batch, String label) {
        List<byte[]> out = BACKENDS.gpu().attend(spec, batch);
        GpuBackends.assertClose(spec, batch, out, BACKENDS.cpu().attend(spec, batch), label);
        List<double[]> references = Float64Attention.attendAll(spec, batch);
        for (int n = 0; n < batch.size(); n++) {
            double err = RelativeError.of(spec.qType(), out.get(n), references.get(n));
            assertTrue(
                    err <= RelativeError.tolerance(spec), label + " request " + n + ": error " + err + " vs float64");
        }
    }

    @Test
    void randomBatchesMatchTheCpuBackendAndTheReference(TestReporter report) {
        RandomRequests random = new RandomRequests(88);
        for (AttentionSpec spec : specs()) {
            List<Request> batch = new ArrayList<>(random.mixedBatch(spec, 6, 64, 3000));
            batch.add(random.request(spec, 5, 5 + SplitSize.tokens(5 * spec.group()) + 77, Draft.TREE)); // 2 splits
            check(spec, batch, spec.toString());
        }
        report.publishEntry(
                "fp8", specs().size() + " specs on " + BACKENDS.gpu().name());
    }

    @Test
    void edgeLengths() {
        RandomRequests random = new RandomRequests(64);
        for (AttentionSpec spec : specs()) {
            List<Request> batch = List.of(
                    random.request(spec, 1, 1, Draft.CHAIN),
                    random.request(spec, 64, 64, Draft.TREE),
                    random.request(spec, 64, 64, Draft.PACKED),
                    random.request(spec, 1, 65, Draft.CHAIN),
                    random.request(spec, 17, 127, Draft.PACKED),
                    random.request(spec, 64, 64 + 3 * 4096 + 1, Draft.TREE));
            check(spec, batch, "edges " + spec);
        }
    }

    @Test
    void longSequencesSplitOverManyBlocks() {
        RandomRequests random = new RandomRequests(9);
        for (ElementType kv : FP8) {
            AttentionSpec spec =
                    AttentionSpec.of(ElementType.BF16, 8, 1, 128).withKvType(kv).withKvScales(0.02f, 0.03f);
            check(
                    spec,
                    List.of(random.request(spec, 1, 200_000, Draft.CHAIN), random.request(spec, 7, 70_001, Draft.TREE)),
                    "long " + kv);
        }
    }

    @Test
    void windowsMatchTheCpuBackend() {
        RandomRequests random = new RandomRequests(77);
        int[] windows = {1, 2, 63, 64, 65, 1025, 5000};
        List<AttentionSpec> specs = specs();
        for (int s = 0; s < specs.size(); s++) {
            for (int window : new int[] {windows[s % windows.length], windows[(s + 3) % windows.length]}) {
                AttentionSpec spec = specs.get(s).withWindow(window);
                List<Request> batch = List.of(
                        random.request(spec, 9, 7000, Draft.TREE),
                        random.request(spec, 4, 4, Draft.PACKED),
                        random.request(spec, 1, 1500, Draft.CHAIN));
                check(spec, batch, "window " + window + " " + spec);
            }
        }
    }

    @Test
    void emptyTreesAndRowsThatSeeNothing() {
        RandomRequests random = new RandomRequests(5);
        for (AttentionSpec spec : specs()) {
            int lq = 12;
            int[] offPrefix = new int[lq];
            java.util.Arrays.fill(offPrefix, -1); // every draft sees the prefix and itself only
            byte[] none = new byte[lq * 4];
            List<Request> batch = List.of(
                    request(random, spec, lq, 300, offPrefix, null),
                    request(random, spec, lq, lq, null, none),
                    request(random, spec, lq, 100, null, none));
            List<byte[]> out = BACKENDS.gpu().attend(spec, batch);
            GpuBackends.assertClose(spec, batch, out, BACKENDS.cpu().attend(spec, batch), "empty trees " + spec);
            float[] nothing = spec.qType().decodeAll(out.get(1));
            for (int i = 0; i < lq; i++) {
                assertTrue(Visibility.of(spec, batch.get(1)).seesNothing(i));
            }
            for (float x : nothing) {
                assertEquals(0f, x, 0f, spec + ": a row that sees nothing is zeros");
            }
        }
    }

    private static Request request(
            RandomRequests random, AttentionSpec spec, int lq, int lk, int[] parents, byte[] packed) {
        int kvElems = lk * spec.kvHeads() * spec.headDim();
        return Request.of(
                spec,
                random.normalValues(spec.qType(), lq * spec.qHeads() * spec.headDim(), 1),
                random.normalValues(spec.kvType(), kvElems, 1 / spec.kScale()),
                random.normalValues(spec.kvType(), kvElems, 1 / spec.vScale()),
                parents,
                packed);
    }
}
