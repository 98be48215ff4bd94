package org.sparkxqa.core.gpu;

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
import org.sparkxqa.core.testing.RandomRequests;
import org.sparkxqa.core.testing.RandomRequests.Draft;

/**
 * GPU against the CPU reference over the variant matrix: every q/kv type pair (mixed included), head
 * dims 64/128/256, groups 1, 2, 4, 8, 16, 32 and the odd 3, with ragged batches of trees, chains and
 * packed masks whose lengths cross the tile (64) and the request's KV split size ({@link SplitSize}).
 */
@Tag("gpu")
class GpuBackendMatrixGpuTest {
    private static final int[] GROUPS = {1, 2, 3, 4, 8, 16, 32};

    @RegisterExtension
    static final GpuAndCpuBackends BACKENDS = new GpuAndCpuBackends(GpuBackendMatrixGpuTest::specs);

    static List<AttentionSpec> specs() {
        List<AttentionSpec> out = new ArrayList<>();
        for (ElementType q : KernelVariant.Q_TYPES) {
            for (ElementType kv : KernelVariant.KV_TYPES) {
                for (int d : new int[] {64, 128, 256}) {
                    for (int g : GROUPS) {
                        int hkv = g >= 16 ? 1 : 2;
                        out.add(AttentionSpec.of(q, g * hkv, hkv, d).withKvType(kv));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyVariantMatchesTheCpuBackend(TestReporter report) {
        RandomRequests random = new RandomRequests(2024);
        int n = 0;
        for (AttentionSpec spec : specs()) {
            List<Request> batch = new ArrayList<>();
            batch.add(random.request(spec, 1, 1, Draft.CHAIN));
            batch.add(random.request(spec, 5, 5 + SplitSize.tokens(5 * spec.group()) + 200, Draft.TREE)); // 2 splits
            batch.add(random.request(spec, 16, 16 + 300, Draft.PACKED));
            batch.add(random.request(spec, 3, 64, Draft.CHAIN));
            batch.addAll(random.mixedBatch(spec, 2, 12, 700));
            GpuBackends.assertClose(
                    spec,
                    batch,
                    BACKENDS.gpu().attend(spec, batch),
                    BACKENDS.cpu().attend(spec, batch),
                    spec.toString());
            n += batch.size();
        }
        report.publishEntry(
                "matrix",
                specs().size() + " specs, " + n + " requests on "
                        + BACKENDS.gpu().name());
    }

    @Test
    void windowsMatchTheCpuBackend() {
        RandomRequests random = new RandomRequests(77);
        for (int window : new int[] {1, 2, 63, 64, 65, 1000, 1025, 2049, 5000}) {
            for (AttentionSpec base : List.of(
                    AttentionSpec.of(ElementType.BF16, 16, 2, 128),
                    AttentionSpec.of(ElementType.FP16, 12, 4, 64),
                    AttentionSpec.of(ElementType.BF16, 32, 1, 256))) {
                AttentionSpec spec = base.withWindow(window);
                List<Request> batch = new ArrayList<>();
                batch.add(random.request(spec, 9, 7000, Draft.TREE)); // unwindowed 3, 4, 1 splits (G = 8, 3, 32)
                batch.add(random.request(spec, 4, 4, Draft.PACKED));
                batch.add(random.request(spec, 1, 1500, Draft.CHAIN));
                batch.addAll(random.mixedBatch(spec, 3, 20, 2100));
                GpuBackends.assertClose(
                        spec,
                        batch,
                        BACKENDS.gpu().attend(spec, batch),
                        BACKENDS.cpu().attend(spec, batch),
                        "window " + window);
            }
        }
    }

    @Test
    void customScaleMatchesTheCpuBackend() {
        AttentionSpec spec = AttentionSpec.of(ElementType.FP16, 8, 8, 128).withScale(0.02f);
        List<Request> batch = new RandomRequests(8).mixedBatch(spec, 6, 64, 2500);
        GpuBackends.assertClose(
                spec, batch, BACKENDS.gpu().attend(spec, batch), BACKENDS.cpu().attend(spec, batch), "scale 0.02");
    }
}
