package org.sparkxqa.spark.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.memory.FaultInjectingBackend;
import org.sparkxqa.core.memory.InjectedFaults;
import org.sparkxqa.core.memory.LiveAllocations;
import org.sparkxqa.spark.config.InvalidRowPolicy;

/** A batch whose staging does not fit is halved and retried; the bytes equal an unsplit run. */
class SplitRetryTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
    private final CountingBackend plain = new CountingBackend();
    private final CountingBackend counted = new CountingBackend();
    private final LiveAllocations.Snapshot before = LiveAllocations.snapshot();

    @AfterEach
    void close() {
        plain.close();
        counted.close();
        assertEquals(before, LiveAllocations.snapshot(), "no staging left behind");
    }

    /** Eight rows of the same size, {@code bytes} of staging each. */
    private static List<RequestInput> rows(int count) {
        List<RequestInput> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(TestRequests.valid(SPEC, "id=" + i, 2, 40, 10 + i));
        }
        return rows;
    }

    private static long stagingOfOne() {
        RequestInput r = rows(1).getFirst();
        return r.bytes() + r.q().byteSize();
    }

    private List<BatchStats> stats = new ArrayList<>();

    private List<RowResult> evaluate(String faults, InvalidRowPolicy policy, List<RequestInput> batch) {
        FaultInjectingBackend injecting = new FaultInjectingBackend(counted, InjectedFaults.parse(faults), true);
        return TestServices.evaluator(SPEC, injecting, policy, stats::add).evaluate(batch);
    }

    private void assertSameBytesAsUnsplit(List<RequestInput> batch, List<RowResult> results) {
        List<RowResult> unsplit = TestServices.evaluator(SPEC, plain, InvalidRowPolicy.FAIL, BatchListener.NONE)
                .evaluate(batch);
        assertEquals(List.of(batch.size()), plain.callSizes, "the reference ran unsplit");
        for (int i = 0; i < batch.size(); i++) {
            assertArrayEquals(unsplit.get(i).out(), results.get(i).out(), "row " + i);
        }
    }

    @Test
    void everyAllocationAboveTwoRowsHalvesDownToPairsAndTheBytesMatch() {
        List<RequestInput> batch = rows(8);
        List<RowResult> results = evaluate("oom-above:" + 2 * stagingOfOne(), InvalidRowPolicy.FAIL, batch);
        assertEquals(List.of(2, 2, 2, 2), counted.callSizes, "8 and both 4s fail; four pairs compute");
        BatchStats s = stats.getFirst();
        assertEquals(3, s.oomSplits(), "8 -> 4 + 4, each 4 -> 2 + 2");
        assertEquals(6, s.oomRetries(), "two 4s and four 2s launched again");
        assertEquals(0, s.invalidRows());
        assertSameBytesAsUnsplit(batch, results);
    }

    @Test
    void theFirstAllocationFailingSplitsOnceAndTheBytesMatch() {
        List<RequestInput> batch = rows(5);
        List<RowResult> results = evaluate("oom-nth:1", InvalidRowPolicy.FAIL, batch);
        assertEquals(List.of(2, 3), counted.callSizes);
        assertEquals(1, stats.getFirst().oomSplits());
        assertEquals(2, stats.getFirst().oomRetries());
        assertSameBytesAsUnsplit(batch, results);
    }

    @Test
    void aRowThatDoesNotFitAloneGetsNullAndTheBytesItNeededUnderNull() {
        List<RequestInput> batch = new ArrayList<>(rows(3));
        batch.set(1, TestRequests.valid(SPEC, "id=big", 2, 400, 99));
        long big = batch.get(1).bytes() + batch.get(1).q().byteSize();
        long limit = 2 * stagingOfOne();
        List<RowResult> results = evaluate("oom-above:" + limit, InvalidRowPolicy.NULL, batch);
        assertNull(results.get(1).out());
        assertEquals(
                "does not fit in memory even alone in a batch: out of pinned host memory: needs " + big + " bytes, "
                        + limit + " bytes available",
                results.get(1).error());
        assertNull(results.get(0).error());
        assertNull(results.get(2).error());
        assertEquals(1, stats.getFirst().invalidRows());
        List<RowResult> alone = TestServices.evaluator(SPEC, plain, InvalidRowPolicy.FAIL, BatchListener.NONE)
                .evaluate(List.of(batch.get(0), batch.get(2)));
        assertArrayEquals(alone.get(0).out(), results.get(0).out());
        assertArrayEquals(alone.get(1).out(), results.get(2).out());
    }

    @Test
    void underFailTheTaskErrorNamesTheRowAndTheBytes() {
        List<RequestInput> batch = List.of(TestRequests.valid(SPEC, "id=7", 2, 40, 1));
        InvalidRowException e =
                assertThrows(InvalidRowException.class, () -> evaluate("oom-above:100", InvalidRowPolicy.FAIL, batch));
        assertEquals("id=7", e.rowId());
        assertTrue(
                e.getMessage()
                        .contains("invalid row id=7: does not fit in memory even alone in a batch: out of "
                                + "pinned host memory: needs " + stagingOfOne() + " bytes, 100 bytes available"),
                e.getMessage());
        assertEquals(List.of(), counted.callSizes);
    }

    @Test
    void anExceptionInsideTheCallLeavesNoStaging() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> evaluate("fail-nth:1", InvalidRowPolicy.NULL, rows(3)));
        assertEquals("injected failure in backend call 1", e.getMessage());
        assertEquals(List.of(), counted.callSizes);
    }
}
