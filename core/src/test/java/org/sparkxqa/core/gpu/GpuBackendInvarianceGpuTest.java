package org.sparkxqa.core.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DeviceAdmission;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.gpu.kernel.SplitSize;
import org.sparkxqa.core.testing.RandomRequests;
import org.sparkxqa.core.testing.RandomRequests.Draft;

/**
 * Batch invariance on the GPU: a request's output bytes do not depend on its batch, its position,
 * the batch size, chunking, concurrent callers or the run; every request of a batch of 100 equals
 * its own single run. For 16-bit and fp8 (e4m3, e5m2) K/V.
 */
@Tag("gpu")
class GpuBackendInvarianceGpuTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 32, 8, 128);
    private static final AttentionSpec WINDOWED =
            AttentionSpec.of(ElementType.FP16, 8, 2, 64).withWindow(700);
    private static final AttentionSpec E4M3 = GpuBackendFp8NeighboursGpuTest.E4M3;
    private static final AttentionSpec E5M2 = GpuBackendFp8NeighboursGpuTest.E5M2;
    private static final List<AttentionSpec> SPECS = List.of(SPEC, WINDOWED, E4M3, E5M2);
    private static GpuBackend gpu;

    @BeforeAll
    static void open() {
        gpu = GpuBackends.openOrSkip(SPECS);
    }

    @AfterAll
    static void close() {
        if (gpu != null) {
            gpu.close();
        }
    }

    @Test
    void aRequestAloneAndInsideABatchOf100GivesIdenticalBytes() {
        for (AttentionSpec spec : SPECS) {
            RandomRequests random = new RandomRequests(100);
            List<Request> subjects = List.of(
                    random.request(spec, 13, 5000, Draft.TREE),
                    random.request(spec, 64, 64, Draft.PACKED),
                    random.request(spec, 1, 1, Draft.CHAIN),
                    random.request(
                            spec, 7, SplitSize.tokens(7 * spec.group()) + 7, Draft.CHAIN)); // just over one split
            List<Request> others = random.mixedBatch(spec, 100 - subjects.size(), 64, 6000);
            List<Request> batch = new ArrayList<>(others);
            for (int s = 0; s < subjects.size(); s++) {
                batch.add(s * 31, subjects.get(s));
            }
            List<byte[]> together = gpu.attend(spec, batch);
            for (int s = 0; s < subjects.size(); s++) {
                byte[] alone = gpu.attend(spec, List.of(subjects.get(s))).getFirst();
                assertArrayEquals(alone, together.get(s * 31), spec + ": subject " + s + " alone vs in a batch of 100");
            }
            for (int n = 0; n < batch.size(); n += 9) {
                assertArrayEquals(gpu.attend(spec, List.of(batch.get(n))).getFirst(), together.get(n), "request " + n);
            }
            List<Request> shuffled = new ArrayList<>(batch);
            Collections.shuffle(shuffled, new Random(5));
            List<byte[]> reordered = gpu.attend(spec, shuffled);
            for (int n = 0; n < batch.size(); n++) {
                assertArrayEquals(
                        together.get(n), reordered.get(shuffled.indexOf(batch.get(n))), "shuffled, request " + n);
            }
        }
    }

    @Test
    void repeatedRunsChunkingAndConcurrentCallersGiveIdenticalBytes() throws Exception {
        for (AttentionSpec spec : List.of(SPEC, E4M3)) {
            repeatedRunsChunkingAndConcurrentCallers(spec);
        }
    }

    private static void repeatedRunsChunkingAndConcurrentCallers(AttentionSpec spec) throws Exception {
        List<Request> batch = new RandomRequests(7).mixedBatch(spec, 60, 64, 4000);
        List<byte[]> expected = gpu.attend(spec, batch);
        for (int run = 0; run < 3; run++) {
            GpuBackends.assertSameBytes(expected, gpu.attend(spec, batch), spec + " repeat " + run);
        }
        gpu.maxChunkBytes(4L << 20);
        try {
            GpuBackends.assertSameBytes(expected, gpu.attend(spec, batch), spec + " in 4 MiB chunks over two streams");
        } finally {
            gpu.maxChunkBytes(org.sparkxqa.core.BatchCap.BYTES);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<byte[]>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> gpu.attend(spec, batch)));
            }
            for (Future<List<byte[]>> f : futures) {
                GpuBackends.assertSameBytes(expected, f.get(), "concurrent caller");
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(gpu.streams() >= 2, "concurrent callers got their own streams: " + gpu.streams());
    }

    /** Entering an admission after packing (one ticket per call, held by one caller at a time) changes no bit. */
    @Test
    void packingBeforeTheAdmissionGivesIdenticalBytes() throws Exception {
        List<Request> batch = new RandomRequests(8).mixedBatch(SPEC, 60, 64, 4000);
        List<byte[]> expected = gpu.attend(SPEC, batch);
        Semaphore one = new Semaphore(1);
        AtomicInteger entries = new AtomicInteger();
        DeviceAdmission admission = () -> {
            entries.incrementAndGet();
            one.acquireUninterruptibly();
            return one::release;
        };
        GpuBackends.assertSameBytes(expected, gpu.attend(SPEC, batch, admission), "packed before the admission");
        gpu.maxChunkBytes(4L << 20);
        try {
            GpuBackends.assertSameBytes(expected, gpu.attend(SPEC, batch, admission), "in 4 MiB chunks");
        } finally {
            gpu.maxChunkBytes(org.sparkxqa.core.BatchCap.BYTES);
        }
        assertEquals(2, entries.get(), "one admission per call, whatever its chunks");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<byte[]>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> gpu.attend(SPEC, batch, admission)));
            }
            for (Future<List<byte[]>> f : futures) {
                GpuBackends.assertSameBytes(expected, f.get(), "concurrent callers through one admission");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, one.availablePermits(), "every ticket was given back");
    }
}
