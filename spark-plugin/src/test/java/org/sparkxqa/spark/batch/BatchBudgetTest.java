package org.sparkxqa.spark.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparkxqa.core.BatchCap;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.MaxBytes;
import org.sparkxqa.spark.config.XqaConf;

/** batch.maxBytes=auto: a task's share of the heap Spark leaves to user code, capped at 256 MiB. */
class BatchBudgetTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void theRunThatRanOutOfHeapKeepsTheDefaultCapWhichNowFits() {
        BatchBudget budget = new BatchBudget(24 * GIB, 16, 0.6);
        assertEquals((long) ((24 * GIB - 300 * MIB) * 0.4 / 16), budget.taskShareBytes(), "about 607 MiB");
        assertEquals(256 * MIB, budget.autoBytes());
        assertTrue(
                16 * budget.autoBytes() < 0.2 * 24 * GIB,
                "16 tasks holding a batch each take less than a fifth of the heap");
    }

    @Test
    void smallerHeapsOrMoreSlotsGetLessPerTask() {
        assertEquals(
                (long) ((4 * GIB - 300 * MIB) * 0.4 / 16),
                new BatchBudget(4 * GIB, 16, 0.6).autoBytes(),
                "about 95 MiB");
        assertEquals((long) ((4 * GIB - 300 * MIB) * 0.25 / 32), new BatchBudget(4 * GIB, 32, 0.75).autoBytes());
        assertEquals(BatchBudget.MIN_BYTES, new BatchBudget(400 * MIB, 64, 0.6).autoBytes(), "never below 1 MiB");
    }

    @Test
    void autoIsResolvedAndAnExplicitBudgetIsKept() {
        BatchBudget budget = new BatchBudget(4 * GIB, 16, 0.6);
        BatchSettings auto = new BatchSettings(64, MaxBytes.AUTO, InvalidRowPolicy.NULL);
        ResolvedBatchSettings resolved = budget.resolve(auto);
        assertEquals(budget.autoBytes(), resolved.maxBytes());
        assertEquals(64, resolved.maxRows());
        assertEquals(InvalidRowPolicy.NULL, resolved.onInvalidRow());
        BatchSettings explicit = new BatchSettings(64, new MaxBytes.Fixed(GIB), InvalidRowPolicy.FAIL);
        assertEquals(new ResolvedBatchSettings(64, GIB, InvalidRowPolicy.FAIL), budget.resolve(explicit));
        assertTrue(budget.exceedsShare(GIB));
        assertFalse(budget.exceedsShare(budget.autoBytes()));
    }

    @Test
    void plannedSettingsShowAutoAndResolvedOnesNeedAPositiveBudget() {
        BatchSettings auto = new BatchSettings(4, MaxBytes.AUTO, InvalidRowPolicy.FAIL);
        assertEquals("maxRows=4, maxBytes=auto, onInvalidRow=fail", auto.toString());
        assertEquals(
                "maxRows=4, maxBytes=2048, onInvalidRow=fail",
                new BatchSettings(4, new MaxBytes.Fixed(2048), InvalidRowPolicy.FAIL).toString());
        assertThrows(IllegalArgumentException.class, () -> auto.resolvedTo(0));
        assertThrows(IllegalArgumentException.class, () -> new ResolvedBatchSettings(4, 0, InvalidRowPolicy.FAIL));
    }

    @Test
    void theCapIsTheOneConstantAndTheConfigDocQuotesIt() {
        assertEquals(BatchCap.BYTES, new BatchBudget(1024 * GIB, 1, 0.6).autoBytes());
        assertEquals("256 MiB", BatchCap.TEXT);
        assertTrue(XqaConf.BATCH_MAX_BYTES.doc().contains("min(" + BatchCap.TEXT + ","), XqaConf.BATCH_MAX_BYTES.doc());
    }

    @Test
    void invalidInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BatchBudget(GIB, 0, 0.6));
        assertThrows(IllegalArgumentException.class, () -> new BatchBudget(GIB, 4, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new MaxBytes.Fixed(-1));
        assertThrows(IllegalArgumentException.class, () -> XqaConf.BATCH_MAX_BYTES.parse("0"));
    }
}
