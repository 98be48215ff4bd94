package org.sparkxqa.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Argument checks that run before the driver is asked (no GPU needed); encoding is covered by the GPU tests. */
class TensorMapTest {
    private static final long[] DIMS = {128, 8, 4096};
    private static final long[] STRIDES = {256, 2048};
    private static final int[] BOX = {64, 1, 64};

    private static String refused(long address, long[] dims, long[] strides, int[] box) {
        return assertThrows(IllegalArgumentException.class, () -> TensorMap.tiled16(address, dims, strides, box))
                .getMessage();
    }

    @Test
    void namesTheBadArgumentBeforeCallingTheDriver() {
        assertTrue(refused(0, DIMS, STRIDES, BOX).contains("null or not 16-byte aligned"));
        assertTrue(refused(0x1008, DIMS, STRIDES, BOX).contains("0x1008"));
        assertTrue(refused(0x1000, DIMS, new long[] {256}, BOX).contains("rank 3"));
        assertTrue(refused(0x1000, DIMS, STRIDES, new int[] {64, 1}).contains("rank 3"));
        assertTrue(refused(0x1000, new long[] {128, 8, 0}, STRIDES, BOX).contains("dimension 2 = 0"));
        assertTrue(refused(0x1000, new long[] {128, 8, (1L << 32) + 1}, STRIDES, BOX)
                .contains("dimension 2"));
        assertTrue(refused(0x1000, DIMS, STRIDES, new int[] {64, 1, 257}).contains("box dimension 2 = 257"));
        assertTrue(refused(0x1000, DIMS, STRIDES, new int[] {128, 1, 64}).contains("256 bytes"));
        assertTrue(refused(0x1000, DIMS, STRIDES, new int[] {4, 1, 64}).contains("8 bytes"));
        assertTrue(refused(0x1000, DIMS, new long[] {256, 2040}, BOX).contains("stride 2 = 2040"));
        assertTrue(refused(0x1000, new long[] {1, 1, 1, 1, 1, 1}, new long[5], new int[6])
                .contains("rank 6"));
    }

    @Test
    void byteMapsTakeUnswizzledRowsOfWholeChunks() {
        long[] dims = {256, 8, 4096};
        long[] strides = {256, 2048};
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> TensorMap.tiled8(0x1000, dims, strides, new int[] {40, 1, 64}));
        assertTrue(e.getMessage().contains("box row of 40 bytes"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> TensorMap.tiled8(0x1008, dims, strides, new int[] {256, 1, 64}));
        assertTrue(e.getMessage().contains("0x1008"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> TensorMap.tiled8(0x1000, dims, new long[] {256, 2050}, new int[] {256, 1, 64}));
        assertTrue(e.getMessage().contains("stride 2 = 2050"), e.getMessage());
    }

    @Test
    void unusedMapIsZerosOfTheDriversSize() {
        assertEquals(128, TensorMap.BYTES);
        assertEquals(128, TensorMap.unused().length);
        for (byte b : TensorMap.unused()) {
            assertEquals(0, b);
        }
    }
}
