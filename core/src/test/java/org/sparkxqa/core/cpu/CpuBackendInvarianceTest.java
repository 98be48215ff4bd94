package org.sparkxqa.core.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.testing.RandomRequests;
import org.sparkxqa.core.testing.RandomRequests.Draft;

/** Output bytes depend only on the request: not on its batch, its position, or the thread count. */
class CpuBackendInvarianceTest {
    private static final AttentionSpec SPEC =
            AttentionSpec.of(ElementType.BF16, 8, 2, 64).withWindow(300);

    @Test
    void aRequestAloneAndInsideMixedBatchesGivesIdenticalBytes() {
        RandomRequests random = new RandomRequests(42);
        Request subject = random.request(SPEC, 13, 600, Draft.TREE);
        List<Request> others = random.mixedBatch(SPEC, 9, 64, 700);
        try (CpuBackend backend = new CpuBackend(2)) {
            byte[] alone = backend.attend(SPEC, List.of(subject)).getFirst();
            for (int position : new int[] {0, 4, 9}) {
                List<Request> batch = new ArrayList<>(others);
                batch.add(position, subject);
                assertArrayEquals(alone, backend.attend(SPEC, batch).get(position), "position " + position);
            }
            List<Request> shuffled = new ArrayList<>(others);
            Collections.shuffle(shuffled, new Random(1));
            shuffled.addFirst(subject);
            assertArrayEquals(
                    alone, backend.attend(SPEC, shuffled.subList(0, 4)).getFirst(), "smaller batch");
        }
    }

    @Test
    void everyRequestOfABatchEqualsItsOwnSingleRun() {
        List<Request> batch = new RandomRequests(5).mixedBatch(SPEC, 8, 64, 400);
        try (CpuBackend backend = new CpuBackend(2)) {
            List<byte[]> together = backend.attend(SPEC, batch);
            assertEquals(batch.size(), together.size());
            for (int n = 0; n < batch.size(); n++) {
                assertArrayEquals(
                        backend.attend(SPEC, List.of(batch.get(n))).getFirst(), together.get(n), "request " + n);
            }
        }
    }

    @Test
    void oneAndFourThreadsGiveIdenticalBytesRunAfterRun() {
        AttentionSpec spec = AttentionSpec.of(ElementType.FP16, 16, 4, 128);
        List<Request> batch = new RandomRequests(9).mixedBatch(spec, 6, 64, 500);
        try (CpuBackend one = new CpuBackend(1);
                CpuBackend four = new CpuBackend(4)) {
            List<byte[]> expected = one.attend(spec, batch);
            for (List<byte[]> actual :
                    List.of(four.attend(spec, batch), four.attend(spec, batch), one.attend(spec, batch))) {
                for (int n = 0; n < batch.size(); n++) {
                    assertArrayEquals(expected.get(n), actual.get(n), "request " + n);
                }
            }
        }
    }

    @Test
    void anEmptyBatchGivesNoOutputs() {
        try (CpuBackend backend = new CpuBackend(2)) {
            assertEquals(0, backend.attend(SPEC, List.of()).size());
        }
    }
}
