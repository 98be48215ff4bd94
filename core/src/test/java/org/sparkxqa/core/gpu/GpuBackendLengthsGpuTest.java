package org.sparkxqa.core.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import org.sparkxqa.core.reference.Visibility;
import org.sparkxqa.core.testing.RandomRequests;
import org.sparkxqa.core.testing.RandomRequests.Draft;

/** GPU against the CPU reference over every Lq 1..64, Lk from 1 to 32768 and 1,048,576, and empty rows. */
@Tag("gpu")
class GpuBackendLengthsGpuTest {
    private static final AttentionSpec BF16 = AttentionSpec.of(ElementType.BF16, 16, 4, 128);
    private static final AttentionSpec FP16 = AttentionSpec.of(ElementType.FP16, 16, 2, 64);
    private static final AttentionSpec LONG = AttentionSpec.of(ElementType.BF16, 2, 1, 64);

    @RegisterExtension
    static final GpuAndCpuBackends BACKENDS = new GpuAndCpuBackends(() -> List.of(BF16, FP16, LONG));

    @Test
    void everyDraftCountFrom1To64() {
        RandomRequests random = new RandomRequests(64);
        List<Request> batch = new ArrayList<>();
        for (int lq = 1; lq <= 64; lq++) {
            // Every 8th request crosses its own split size (2048 .. 8192 keys for 32 .. 256 rows): merges.
            int lk = lq + 37 * lq + (lq % 8 == 0 ? SplitSize.tokens(lq * BF16.group()) : 0);
            batch.add(random.request(BF16, lq, lk, Draft.values()[lq % 3]));
        }
        GpuBackends.assertClose(
                BF16, batch, BACKENDS.gpu().attend(BF16, batch), BACKENDS.cpu().attend(BF16, batch), "Lq sweep");
    }

    @Test
    void keyCountsFrom1To32768() {
        RandomRequests random = new RandomRequests(32768);
        List<Request> batch = new ArrayList<>();
        for (int lk : new int[] {1, 2, 8, 63, 64, 65, 127, 1023, 1024, 1025, 2047, 2049, 4097, 8191, 16384, 32768}) {
            int lq = Math.min(lk, 1 + lk % 8);
            batch.add(random.request(FP16, lq, lk, Draft.values()[lk % 3]));
        }
        GpuBackends.assertClose(
                FP16, batch, BACKENDS.gpu().attend(FP16, batch), BACKENDS.cpu().attend(FP16, batch), "Lk sweep");
    }

    @Test
    void aMillionKeys(TestReporter report) {
        RandomRequests random = new RandomRequests(1 << 20);
        List<Request> batch = List.of(
                random.request(LONG, 4, AttentionSpec.MAX_KV_LEN, Draft.TREE),
                random.request(LONG, 16, AttentionSpec.MAX_KV_LEN - 12345, Draft.PACKED));
        long t0 = System.nanoTime();
        List<byte[]> out = BACKENDS.gpu().attend(LONG, batch);
        long gpuNanos = System.nanoTime() - t0;
        GpuBackends.assertClose(LONG, batch, out, BACKENDS.cpu().attend(LONG, batch), "Lk=2^20");
        AttentionSpec windowed = LONG.withWindow(100_000);
        GpuBackends.assertClose(
                windowed,
                batch,
                BACKENDS.gpu().attend(windowed, batch),
                BACKENDS.cpu().attend(windowed, batch),
                "Lk=2^20, window 100000");
        report.publishEntry(
                "Lk=2^20",
                String.format(
                        "2 requests, %.0f MB of K/V, attend %.1f ms wall (copies included)",
                        batch.stream().mapToLong(Request::kvBytes).sum() / 1e6, gpuNanos / 1e6));
    }

    @Test
    void rowsThatSeeNothingAreExactZeros() {
        int lq = 8;
        RandomRequests random = new RandomRequests(3);
        ByteBuffer onlyDraft0 = ByteBuffer.allocate(lq * 4).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer none = ByteBuffer.allocate(lq * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < lq; i++) {
            onlyDraft0.putInt(1);
            none.putInt(0);
        }
        for (AttentionSpec spec : List.of(BF16.withWindow(2), FP16.withWindow(1), FP16)) {
            int qElems = lq * spec.qHeads() * spec.headDim();
            int kvElems = lq * spec.kvHeads() * spec.headDim();
            List<Request> batch = List.of(
                    Request.of(
                            spec,
                            random.normalValues(spec.qType(), qElems, 1),
                            random.normalValues(spec.kvType(), kvElems, 1),
                            random.normalValues(spec.kvType(), kvElems, 1),
                            null,
                            onlyDraft0.array()),
                    Request.of(
                            spec,
                            random.normalValues(spec.qType(), qElems, 1),
                            random.normalValues(spec.kvType(), kvElems, 1),
                            random.normalValues(spec.kvType(), kvElems, 1),
                            null,
                            none.array()),
                    random.request(spec, 5, 2000, Draft.TREE));
            List<byte[]> out = BACKENDS.gpu().attend(spec, batch);
            GpuBackends.assertClose(spec, batch, out, BACKENDS.cpu().attend(spec, batch), "empty rows " + spec);
            int rowElems = spec.qHeads() * spec.headDim();
            int empty = 0;
            for (int n = 0; n < 2; n++) {
                float[] values = spec.qType().decodeAll(out.get(n));
                for (int i = 0; i < lq; i++) {
                    if (Visibility.of(spec, batch.get(n)).seesNothing(i)) {
                        empty++;
                        for (int e = i * rowElems; e < (i + 1) * rowElems; e++) {
                            assertEquals(0f, values[e], 0f, spec + " request " + n + " row " + i + " should be zero");
                        }
                    }
                }
            }
            assertTrue(empty >= lq, "the test has rows that see nothing: " + empty);
        }
    }
}
