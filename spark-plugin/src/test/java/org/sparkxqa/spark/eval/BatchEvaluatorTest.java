package org.sparkxqa.spark.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.QueryBackend;
import org.sparkxqa.spark.executor.ExecutorServices;

class BatchEvaluatorTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
    private final CountingBackend backend = new CountingBackend();

    @AfterEach
    void close() {
        backend.close();
    }

    private BatchEvaluator evaluator(InvalidRowPolicy policy) {
        return TestServices.evaluator(SPEC, backend, policy, BatchListener.NONE);
    }

    private static RequestInput kWithOddLength(String id) {
        RequestInput ok = TestRequests.valid(SPEC, id, 2, 5, 9);
        return new RequestInput(id, ok.q(), MemorySegment.ofArray(new byte[1000]), ok.v(), null, null, null);
    }

    @Test
    void oneBackendCallPerBatchWithResultsInOrder() {
        List<RequestInput> batch = List.of(
                TestRequests.valid(SPEC, "id=1", 1, 1, 1),
                TestRequests.valid(SPEC, "id=2", 3, 40, 2),
                TestRequests.valid(SPEC, "id=3", 2, 7, 3));
        List<RowResult> results = evaluator(InvalidRowPolicy.FAIL).evaluate(batch);
        assertEquals(List.of(3), backend.callSizes);
        for (int i = 0; i < batch.size(); i++) {
            RowResult alone = evaluator(InvalidRowPolicy.FAIL)
                    .evaluate(List.of(batch.get(i)))
                    .getFirst();
            assertArrayEquals(alone.out(), results.get(i).out(), "row " + i + " differs from its own evaluation");
            assertEquals(batch.get(i).q().byteSize(), results.get(i).out().length);
        }
    }

    @Test
    void nullPolicyKeepsInvalidRowsWithTheReason() {
        List<RequestInput> batch = List.of(
                TestRequests.valid(SPEC, "id=1", 2, 4, 1),
                kWithOddLength("id=2"),
                RequestInput.unreadable("id=3", "tree[1] is NULL"),
                TestRequests.valid(SPEC, "id=4", 1, 3, 4));
        List<RowResult> results = evaluator(InvalidRowPolicy.NULL).evaluate(batch);
        assertEquals(4, results.size());
        assertNotNull(results.get(0).out());
        assertNull(results.get(0).error());
        assertNull(results.get(1).out());
        assertTrue(
                results.get(1).error().contains("k has 1000 bytes, not a whole number of 256-byte tokens"),
                results.get(1).error());
        assertEquals("tree[1] is NULL", results.get(2).error());
        assertNotNull(results.get(3).out());
        assertEquals(List.of(2), backend.callSizes, "only the valid rows reach the backend, in one call");
    }

    @Test
    void failPolicyNamesTheRowAndTheReason() {
        List<RequestInput> batch = List.of(TestRequests.valid(SPEC, "id=1", 2, 4, 1), kWithOddLength("id=17"));
        InvalidRowException e = assertThrows(
                InvalidRowException.class,
                () -> evaluator(InvalidRowPolicy.FAIL).evaluate(batch));
        assertEquals("id=17", e.rowId());
        assertEquals("k has 1000 bytes, not a whole number of 256-byte tokens (Hkv*D*2)", e.reason());
        assertEquals(
                "xqa_attention: invalid row id=17: k has 1000 bytes, not a whole number of 256-byte tokens (Hkv*D*2)"
                        + " (set spark.xqa.onInvalidRow=null to get NULL and the reason from xqa_attention_result instead)",
                e.getMessage());
        assertEquals(List.of(), backend.callSizes);
    }

    @Test
    void batchWithoutValidRowsNeverOpensTheBackend() {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger reported = new AtomicInteger();
        ExecutorServices services = TestServices.of(backend).withBackends(choice -> {
            opened.incrementAndGet();
            return backend;
        });
        BatchEvaluator evaluator =
                new BatchEvaluator(SPEC, services, QueryBackend.EXECUTOR, InvalidRowPolicy.NULL, stats -> {
                    assertNull(stats.backend());
                    assertEquals(stats.invalidRows(), stats.rows());
                    reported.incrementAndGet();
                });
        List<RowResult> results =
                evaluator.evaluate(List.of(kWithOddLength("id=1"), RequestInput.unreadable("id=2", "x")));
        assertEquals(2, results.size());
        assertEquals(0, opened.get());
        assertEquals(1, reported.get());
    }

    /** What the backend reports on the calling thread (device time, packing) lands in the batch's stats. */
    @Test
    void deviceAndPackingTimesReportedDuringTheCallReachTheBatchStats() {
        ExecutorServices[] services = new ExecutorServices[1];
        CountingBackend reporting = new CountingBackend() {
            @Override
            public List<byte[]> attend(AttentionSpec spec, List<org.sparkxqa.core.Request> requests) {
                services[0].metrics().recordDevice(7_000);
                services[0].metrics().recordPack(640, 90);
                services[0].metrics().recordPack(360, 10);
                return super.attend(spec, requests);
            }
        };
        services[0] = ExecutorServices.withoutPlugin().withBackends(choice -> reporting);
        services[0].metrics().recordDevice(1_000_000); // earlier work on this thread is not this batch's
        List<BatchStats> stats = new java.util.ArrayList<>();
        new BatchEvaluator(SPEC, services[0], QueryBackend.EXECUTOR, InvalidRowPolicy.FAIL, stats::add)
                .evaluate(List.of(TestRequests.valid(SPEC, "id=1", 2, 9, 1)));
        reporting.close();
        BatchStats s = stats.getFirst();
        assertEquals(7_000, s.deviceNanos());
        assertEquals(1000, s.packedBytes());
        assertEquals(100, s.packNanos());
        assertEquals(1_007_000, services[0].metrics().deviceNanos.getCount());
    }
}
