package org.sparkxqa.spark.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowBatcherTest {

    /** Batches of {@code sizes} (each row's size is its value) as lists of row sizes. */
    private static List<List<Integer>> batches(List<Integer> sizes, int maxRows, long maxBytes) {
        RowBatcher<Integer> batcher = new RowBatcher<>(sizes.iterator(), maxRows, maxBytes, Integer::longValue);
        List<List<Integer>> out = new ArrayList<>();
        batcher.forEachRemaining(out::add);
        return out;
    }

    @Test
    void noRowsGiveNoBatch() {
        assertEquals(List.of(), batches(List.of(), 4, 100));
        assertFalse(new RowBatcher<Integer>(Collections.emptyIterator(), 1, 1, Integer::longValue).hasNext());
    }

    @Test
    void oneRowIsOneBatch() {
        assertEquals(List.of(List.of(7)), batches(List.of(7), 4, 100));
    }

    @Test
    void exactlyMaxRowsIsOneBatch() {
        assertEquals(List.of(List.of(1, 2, 3, 4)), batches(List.of(1, 2, 3, 4), 4, 100));
    }

    @Test
    void maxRowsPlusOneStartsASecondBatch() {
        assertEquals(List.of(List.of(1, 2, 3, 4), List.of(5)), batches(List.of(1, 2, 3, 4, 5), 4, 100));
    }

    @Test
    void bytesLimitSplitsBeforeTheRowThatWouldCrossIt() {
        assertEquals(
                List.of(List.of(10, 10), List.of(10, 10), List.of(10)), batches(List.of(10, 10, 10, 10, 10), 100, 25));
    }

    @Test
    void rowsFillingMaxBytesExactlyCloseTheBatch() {
        assertEquals(List.of(List.of(10, 15), List.of(5)), batches(List.of(10, 15, 5), 100, 25));
    }

    @Test
    void rowLargerThanMaxBytesFormsItsOwnBatch() {
        assertEquals(List.of(List.of(5), List.of(100), List.of(5, 5)), batches(List.of(5, 100, 5, 5), 10, 50));
        assertEquals(List.of(List.of(100), List.of(200)), batches(List.of(100, 200), 10, 50));
    }

    @Test
    void keepsOrderAndEveryRow() {
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            sizes.add(i % 97);
        }
        List<Integer> flat = new ArrayList<>();
        for (List<Integer> batch : batches(sizes, 7, 300)) {
            assertFalse(batch.isEmpty());
            flat.addAll(batch);
        }
        assertEquals(sizes, flat);
    }

    @Test
    void rejectsNonPositiveLimits() {
        assertThrows(IllegalArgumentException.class, () -> batches(List.of(1), 0, 10));
        assertThrows(IllegalArgumentException.class, () -> batches(List.of(1), 1, 0));
    }
}
