package org.sparkxqa.spark.gpureader;

import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.memory.OutOfMemoryCauses;

/**
 * Runs one file's device work under a chunk limit and, when an allocation runs out of memory, runs it
 * again from the start with half the limit, down to {@link #FLOOR_BYTES}; below that the task fails
 * with the file, the limit and the allocator's message. Any other failure passes through at once.
 * Each attempt must free what it allocated before it throws (try-with-resources), so a retry starts
 * from nothing and a retried file's output equals an unsplit one's (the kernel is batch invariant).
 * Stateless.
 */
final class ChunkRetry {
    /** The smallest chunk limit tried, in bytes. */
    static final long FLOOR_BYTES = 1L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(ChunkRetry.class);

    private ChunkRetry() {}

    /** What the attempt that finished returned, the limit it ran under and how many attempts ran out of memory. */
    record Outcome<T>(T value, long chunkBytes, int retries) {}

    /**
     * @param file named in the log and in the failure
     * @param firstChunkBytes the first attempt's limit (at least {@link #FLOOR_BYTES})
     * @param attempt the work under a given limit
     * @throws IllegalStateException when even {@link #FLOOR_BYTES} runs out of memory; its cause is the last failure
     */
    static <T> Outcome<T> run(String file, long firstChunkBytes, LongFunction<T> attempt) {
        long limit = Math.max(FLOOR_BYTES, firstChunkBytes);
        for (int retries = 0; ; retries++) {
            try {
                return new Outcome<>(attempt.apply(limit), limit, retries);
            } catch (RuntimeException | OutOfMemoryError e) {
                if (!OutOfMemoryCauses.isOutOfMemory(e)) {
                    throw e;
                }
                if (limit / 2 < FLOOR_BYTES) {
                    throw new IllegalStateException(
                            "GPU reader: " + file + " does not fit in device memory even in chunks of " + limit
                                    + " bytes (spark.xqa.gpuReader.chunkBytes=" + firstChunkBytes + ", halved "
                                    + retries + " times): " + e.getMessage(),
                            e);
                }
                LOG.warn(
                        "GPU reader: {} ran out of memory in chunks of {} bytes; retrying in chunks of {} ({})",
                        file,
                        limit,
                        limit / 2,
                        e.getMessage());
                limit /= 2;
            }
        }
    }
}
