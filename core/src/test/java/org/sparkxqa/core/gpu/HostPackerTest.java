package org.sparkxqa.core.gpu;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HostPackerTest {

    @Test
    void neighbouringSlicesOfOneArrayBecomeOneRun() {
        byte[] column = new byte[300];
        MemorySegment all = MemorySegment.ofArray(column);
        List<MemorySegment> rows = List.of(all.asSlice(0, 100), all.asSlice(100, 50), all.asSlice(150, 150));
        List<HostPacker.Run> runs = HostPacker.runs(rows, new long[] {1000, 1100, 1150});
        assertEquals(1, runs.size());
        assertEquals(1000, runs.get(0).offset());
        assertEquals(300, runs.get(0).source().byteSize());
    }

    @Test
    void gapsInEitherMemoryOrOtherArraysStartNewRuns() {
        byte[] a = new byte[300];
        MemorySegment all = MemorySegment.ofArray(a);
        List<MemorySegment> rows = List.of(
                all.asSlice(0, 100),
                all.asSlice(101, 50),
                all.asSlice(151, 10),
                MemorySegment.ofArray(new byte[10]),
                MemorySegment.ofArray(new byte[0]));
        List<HostPacker.Run> runs = HostPacker.runs(rows, new long[] {0, 100, 200, 210, 220});
        assertEquals(4, runs.size(), "source gap, destination gap, another array; the empty row adds nothing");
    }

    @Test
    void nativeNeighboursMergeAndEveryByteLandsWhereItBelongs() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(1000);
            for (int i = 0; i < 1000; i++) {
                src.set(JAVA_BYTE, i, (byte) (i * 7));
            }
            List<MemorySegment> rows = List.of(src.asSlice(0, 400), src.asSlice(400, 600));
            List<HostPacker.Run> runs = HostPacker.runs(rows, new long[] {16, 416});
            assertEquals(1, runs.size());
            MemorySegment dst = arena.allocate(1016);
            assertEquals(1000, HostPacker.copy(runs, dst));
            assertArrayEquals(src.toArray(JAVA_BYTE), dst.asSlice(16, 1000).toArray(JAVA_BYTE));
        }
    }

    @Test
    void largeGroupsAreCopiedInParallelPiecesExactly() {
        Random random = new Random(5);
        List<MemorySegment> rows = new ArrayList<>();
        List<byte[]> arrays = new ArrayList<>();
        long[] offsets = new long[7];
        long at = 0;
        for (int r = 0; r < offsets.length; r++) {
            byte[] row = new byte[(int) (HostPacker.PIECE_BYTES + 12345 * r)];
            random.nextBytes(row);
            arrays.add(row);
            rows.add(MemorySegment.ofArray(row));
            offsets[r] = at;
            at += row.length + 256;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dst = arena.allocate(at);
            long copied = HostPacker.copy(HostPacker.runs(rows, offsets), dst);
            assertEquals(at - 256L * offsets.length, copied);
            for (int r = 0; r < offsets.length; r++) {
                assertArrayEquals(
                        arrays.get(r),
                        dst.asSlice(offsets[r], arrays.get(r).length).toArray(JAVA_BYTE),
                        "row " + r);
            }
        }
    }
}
