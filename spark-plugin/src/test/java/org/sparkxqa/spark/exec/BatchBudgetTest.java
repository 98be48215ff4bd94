package org.sparkxqa.spark.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparkxqa.spark.config.InvalidRowPolicy;
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
    assertTrue(16 * budget.autoBytes() < 0.2 * 24 * GIB, "16 tasks holding a batch each take less than a fifth of the heap");
  }

  @Test
  void smallerHeapsOrMoreSlotsGetLessPerTask() {
    assertEquals((long) ((4 * GIB - 300 * MIB) * 0.4 / 16), new BatchBudget(4 * GIB, 16, 0.6).autoBytes(), "about 95 MiB");
    assertEquals((long) ((4 * GIB - 300 * MIB) * 0.25 / 32), new BatchBudget(4 * GIB, 32, 0.75).autoBytes());
    assertEquals(BatchBudget.MIN_BYTES, new BatchBudget(400 * MIB, 64, 0.6).autoBytes(), "never below 1 MiB");
  }

  @Test
  void autoIsResolvedAndAnExplicitBudgetIsKept() {
    BatchBudget budget = new BatchBudget(4 * GIB, 16, 0.6);
    BatchSettings auto = new BatchSettings(64, XqaConf.AUTO_BYTES, InvalidRowPolicy.NULL);
    BatchSettings resolved = budget.resolve(auto);
    assertEquals(budget.autoBytes(), resolved.maxBytes());
    assertEquals(64, resolved.maxRows());
    assertEquals(InvalidRowPolicy.NULL, resolved.onInvalidRow());
    BatchSettings explicit = new BatchSettings(64, GIB, InvalidRowPolicy.FAIL);
    assertSame(explicit, budget.resolve(explicit));
    assertTrue(budget.exceedsShare(GIB));
    assertFalse(budget.exceedsShare(budget.autoBytes()));
  }

  @Test
  void autoMustBeResolvedBeforeBatching() {
    BatchSettings auto = new BatchSettings(4, XqaConf.AUTO_BYTES, InvalidRowPolicy.FAIL);
    assertEquals("maxRows=4, maxBytes=auto, onInvalidRow=fail", auto.toString());
    BatchEvaluator evaluator = new BatchEvaluator(null, () -> null, InvalidRowPolicy.FAIL, BatchListener.NONE);
    assertThrows(IllegalArgumentException.class, () -> new PartitionEvaluator<RequestInput, RequestInput>(r -> r,
        (r, x) -> r, evaluator, auto));
    assertThrows(IllegalArgumentException.class, () -> auto.withMaxBytes(0));
  }

  @Test
  void invalidInputsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new BatchBudget(GIB, 0, 0.6));
    assertThrows(IllegalArgumentException.class, () -> new BatchBudget(GIB, 4, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new BatchSettings(4, -1, InvalidRowPolicy.FAIL));
  }
}
