package org.sparkxqa.spark.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.batch.BatchBudget;
import org.sparkxqa.spark.batch.BatchSettings;
import org.sparkxqa.spark.batch.ResolvedBatchSettings;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.MaxBytes;

class PartitionEvaluatorTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.FP16, 2, 1, 64);
    private final CountingBackend backend = new CountingBackend();

    @AfterEach
    void close() {
        backend.close();
    }

    private record Tagged(int tag, RequestInput input) {}

    private List<Map.Entry<Integer, byte[]>> evaluate(List<Tagged> rows, int maxRows, long maxBytes) {
        ResolvedBatchSettings settings = new ResolvedBatchSettings(maxRows, maxBytes, InvalidRowPolicy.FAIL);
        BatchEvaluator batches = TestServices.evaluator(SPEC, backend, InvalidRowPolicy.FAIL, BatchListener.NONE);
        PartitionEvaluator<Tagged, Map.Entry<Integer, byte[]>> evaluator = new PartitionEvaluator<>(
                Tagged::input, (row, result) -> Map.entry(row.tag(), result.out()), batches, settings);
        List<Map.Entry<Integer, byte[]>> out = new ArrayList<>();
        evaluator.evaluate(rows.iterator()).forEachRemaining(out::add);
        return out;
    }

    private static List<Tagged> rows(int count, int lk) {
        List<Tagged> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Tagged(i, TestRequests.valid(SPEC, "id=" + i, 1 + i % 3, lk + i, 100 + i)));
        }
        return rows;
    }

    @Test
    void oneRow() {
        assertEquals(1, evaluate(rows(1, 4), 4, 1 << 20).size());
        assertEquals(List.of(1), backend.callSizes);
    }

    @Test
    void exactlyMaxRows() {
        evaluate(rows(4, 4), 4, 1 << 20);
        assertEquals(List.of(4), backend.callSizes);
    }

    @Test
    void maxRowsPlusOne() {
        evaluate(rows(5, 4), 4, 1 << 20);
        assertEquals(List.of(4, 1), backend.callSizes);
    }

    @Test
    void rowLargerThanMaxBytesIsAloneInItsBatch() {
        List<Tagged> rows = rows(3, 4);
        rows.set(1, new Tagged(1, TestRequests.valid(SPEC, "id=big", 2, 600, 7)));
        long bigBytes = rows.get(1).input().bytes();
        evaluate(rows, 100, bigBytes / 2);
        assertEquals(List.of(1, 1, 1), backend.callSizes);
    }

    @Test
    void underAConstrainedBudgetBatchesStayWithinItAndAWrittenBatchIsReleasedBeforeTheNextIsRead() {
        BatchBudget budget = new BatchBudget(512L << 20, 16, 0.6);
        long maxBytes = budget.autoBytes();
        assertTrue(maxBytes > 5 * 1_050_000 && maxBytes < 6 * 1_050_000, "about 5.3 MiB: " + maxBytes);
        ResolvedBatchSettings settings = budget.resolve(new BatchSettings(256, MaxBytes.AUTO, InvalidRowPolicy.FAIL));
        BatchEvaluator batches = TestServices.evaluator(SPEC, backend, InvalidRowPolicy.FAIL, BatchListener.NONE);
        PartitionEvaluator<Tagged, Integer> evaluator =
                new PartitionEvaluator<>(Tagged::input, (row, result) -> row.tag(), batches, settings);
        int count = 30;
        List<Long> heldAtEachRead = new ArrayList<>();
        Iterator<Tagged> source = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Tagged next() {
                heldAtEachRead.add(evaluator.heldBytes());
                int i = next++;
                return new Tagged(i, TestRequests.valid(SPEC, "id=" + i, 1 + i % 3, 4000 + 37 * i, i));
            }
        };
        List<Integer> out = new ArrayList<>();
        evaluator.evaluate(source).forEachRemaining(out::add);

        assertEquals(IntStream.range(0, count).boxed().toList(), out);
        assertTrue(
                backend.callSizes.size() >= 6 && backend.callSizes.stream().allMatch(n -> n > 1),
                backend.callSizes.toString());
        assertTrue(backend.callBytes.stream().allMatch(b -> b <= maxBytes), backend.callBytes + " within " + maxBytes);
        assertEquals(count, heldAtEachRead.size());
        assertTrue(
                heldAtEachRead.stream().allMatch(h -> h <= maxBytes),
                "reading a row, the evaluator holds only the batch being built (the previous one is released): "
                        + heldAtEachRead + " within " + maxBytes);
        assertEquals(0, evaluator.heldBytes(), "every row is released once written");
    }

    @Test
    void outputsFollowInputOrderAndDoNotDependOnBatching() {
        List<Tagged> rows = rows(9, 3);
        List<Map.Entry<Integer, byte[]>> together = evaluate(rows, 100, 1 << 20);
        List<Map.Entry<Integer, byte[]>> split = evaluate(rows, 2, 1 << 20);
        assertEquals(List.of(9, 2, 2, 2, 2, 1), backend.callSizes);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, together.get(i).getKey());
            assertEquals(i, split.get(i).getKey());
            assertArrayEquals(together.get(i).getValue(), split.get(i).getValue());
        }
    }
}
