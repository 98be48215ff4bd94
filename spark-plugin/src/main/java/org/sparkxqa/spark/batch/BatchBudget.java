package org.sparkxqa.spark.batch;

import org.sparkxqa.core.BatchCap;
import org.sparkxqa.spark.config.MaxBytes;

/**
 * How many q+k+v bytes one task may buffer for a batch on an executor, so that every task slot
 * buffering a full batch at once still fits the Java heap. Spark keeps {@value #RESERVED_BYTES} bytes
 * of the heap for itself and gives {@code spark.memory.fraction} of the rest to execution and storage;
 * what remains is user memory, where the batches live. The share of one task is that user memory
 * divided by the task slots; {@code spark.xqa.batch.maxBytes=auto} is that share, capped at
 * {@link BatchCap#BYTES} and at least {@value #MIN_BYTES} bytes. A task holds one batch at most,
 * plus the next row it read (the batcher reads one row ahead), so its heap use is about the budget
 * plus one row. Immutable.
 *
 * @param heapBytes the executor's maximum heap ({@code Runtime.maxMemory()})
 * @param taskSlots tasks that run on the executor at the same time, at least 1
 * @param memoryFraction {@code spark.memory.fraction}, in [0, 1)
 */
public record BatchBudget(long heapBytes, int taskSlots, double memoryFraction) {
    /** Heap Spark reserves for itself (its {@code RESERVED_SYSTEM_MEMORY_BYTES}). */
    public static final long RESERVED_BYTES = 300L << 20;
    /** The smallest automatic budget. */
    public static final long MIN_BYTES = 1L << 20;

    public BatchBudget {
        if (heapBytes < 1 || taskSlots < 1 || !(memoryFraction >= 0 && memoryFraction < 1)) {
            throw new IllegalArgumentException(
                    "heap and task slots must be positive and spark.memory.fraction in [0, 1), got " + heapBytes + ", "
                            + taskSlots + ", " + memoryFraction);
        }
    }

    /** One task's share of the user memory: {@code (heap - 300 MiB) * (1 - fraction) / slots}, at least 1 MiB. */
    public long taskShareBytes() {
        double user = Math.max(0, heapBytes - RESERVED_BYTES) * (1 - memoryFraction);
        return Math.max(MIN_BYTES, (long) (user / taskSlots));
    }

    /** The automatic budget: {@link #taskShareBytes}, at most {@link BatchCap#BYTES}. */
    public long autoBytes() {
        return Math.min(BatchCap.BYTES, taskShareBytes());
    }

    /** {@code settings} with {@code auto} replaced by {@link #autoBytes}; an explicit budget is kept. */
    public ResolvedBatchSettings resolve(BatchSettings settings) {
        return settings.resolvedTo(
                switch (settings.maxBytes()) {
                    case MaxBytes.Auto a -> autoBytes();
                    case MaxBytes.Fixed f -> f.bytes();
                });
    }

    /** Whether an explicit budget is larger than one task's share (all slots buffering may exhaust the heap). */
    public boolean exceedsShare(long maxBytes) {
        return maxBytes > taskShareBytes();
    }

    @Override
    public String toString() {
        return String.format(
                "heap %.1f GiB, %d task slots, spark.memory.fraction=%s: a task's share is %d MiB",
                heapBytes / (double) (1L << 30), taskSlots, memoryFraction, taskShareBytes() >> 20);
    }
}
