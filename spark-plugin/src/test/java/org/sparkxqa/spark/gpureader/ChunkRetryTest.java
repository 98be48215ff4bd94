package org.sparkxqa.spark.gpureader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.memory.MemoryKind;
import org.sparkxqa.core.memory.OutOfBackendMemoryException;

/** The GPU reader's retry with halved chunk limits after out-of-memory failures, on a fake attempt. */
class ChunkRetryTest {
    private static final long MIB = 1L << 20;

    @Test
    void aFileThatFitsRunsOnceUnderTheFirstLimit() {
        List<Long> limits = new ArrayList<>();
        ChunkRetry.Outcome<String> o = ChunkRetry.run("f.parquet", 64 * MIB, limit -> {
            limits.add(limit);
            return "done";
        });
        assertEquals("done", o.value());
        assertEquals(64 * MIB, o.chunkBytes());
        assertEquals(0, o.retries());
        assertEquals(List.of(64 * MIB), limits);
    }

    /** cuDF's exhausted pool (an {@link OutOfMemoryError}), a message saying so, and the backend's own type. */
    @Test
    void eachKindOfOutOfMemoryHalvesTheLimitUntilTheWorkFits() {
        List<Long> limits = new ArrayList<>();
        List<RuntimeException> failures = List.of(
                new RuntimeException("std::bad_alloc: out_of_memory: RMM failure"),
                new IllegalStateException("wrapped", new OutOfBackendMemoryException(MemoryKind.DEVICE, 9, 1, null)));
        ChunkRetry.Outcome<Long> o = ChunkRetry.run("f.parquet", 64 * MIB, limit -> {
            limits.add(limit);
            if (limits.size() == 1) {
                throw new OutOfMemoryError("Could not allocate native memory");
            }
            if (limits.size() <= 3) {
                throw failures.get(limits.size() - 2);
            }
            return limit;
        });
        assertEquals(List.of(64 * MIB, 32 * MIB, 16 * MIB, 8 * MIB), limits);
        assertEquals(8 * MIB, o.value());
        assertEquals(8 * MIB, o.chunkBytes());
        assertEquals(3, o.retries());
    }

    @Test
    void anyOtherFailurePassesThroughWithoutARetry() {
        List<Long> limits = new ArrayList<>();
        IllegalArgumentException bad = new IllegalArgumentException("row 3: k has 10 bytes, needs 12");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ChunkRetry.run("f.parquet", 64 * MIB, limit -> {
                    limits.add(limit);
                    throw bad;
                }));
        assertSame(bad, e);
        assertEquals(List.of(64 * MIB), limits);
    }

    @Test
    void belowTheFloorTheTaskFailsNamingTheFileTheLimitAndTheAllocator() {
        List<Long> limits = new ArrayList<>();
        OutOfMemoryError last = new OutOfMemoryError("Could not allocate native memory: 9 bytes");
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> ChunkRetry.run("in/part-3.parquet", 4 * MIB, limit -> {
                    limits.add(limit);
                    throw last;
                }));
        assertEquals(List.of(4 * MIB, 2 * MIB, MIB), limits);
        assertSame(last, e.getCause());
        assertTrue(e.getMessage().contains("in/part-3.parquet"), e.getMessage());
        assertTrue(e.getMessage().contains("chunks of " + MIB + " bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("spark.xqa.gpuReader.chunkBytes=" + 4 * MIB), e.getMessage());
        assertTrue(e.getMessage().contains("9 bytes"), e.getMessage());
    }

    @Test
    void aLimitBelowTheFloorStartsAtTheFloor() {
        ChunkRetry.Outcome<Long> o = ChunkRetry.run("f.parquet", 1000, limit -> limit);
        assertEquals(ChunkRetry.FLOOR_BYTES, o.value());
    }
}
