package org.sparkxqa.core.gpu.cuda;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The native layouts of a launch, checked against cuda.h (CUDA 12/13, 64-bit) without a GPU. */
class LaunchExTest {
    @Test
    void launchConfigAndAttributeMatchCudaH() {
        assertEquals(56, LaunchEx.CONFIG.byteSize());
        assertEquals(24, LaunchEx.CONFIG.byteOffset(groupElement("sharedMemBytes")));
        assertEquals(32, LaunchEx.CONFIG.byteOffset(groupElement("hStream")));
        assertEquals(40, LaunchEx.CONFIG.byteOffset(groupElement("attrs")));
        assertEquals(48, LaunchEx.CONFIG.byteOffset(groupElement("numAttrs")));
        assertEquals(72, LaunchEx.ATTRIBUTE.byteSize());
        assertEquals(8, LaunchEx.ATTRIBUTE.byteOffset(groupElement("value")));
        assertEquals(6, LaunchEx.PROGRAMMATIC_STREAM_SERIALIZATION);
    }

    @Test
    void parametersArePointersToEachValueInOrderWithStructsAligned() {
        byte[] map = new byte[TensorMap.BYTES];
        map[0] = 7;
        map[127] = 9;
        KernelArgs args = new KernelArgs()
                .pointer(0x1230L)
                .i32(-5)
                .f32(1.5f)
                .i64(1L << 40)
                .struct(map, 64);
        map[0] = 0; // the arguments keep their own copy
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = args.toParams(arena);
            assertEquals(0x1230L, param(params, 0, JAVA_LONG.byteSize()).get(JAVA_LONG, 0));
            assertEquals(-5, param(params, 1, 4).get(JAVA_INT, 0));
            assertEquals(1.5f, param(params, 2, 4).get(JAVA_FLOAT, 0));
            assertEquals(1L << 40, param(params, 3, 8).get(JAVA_LONG, 0));
            MemorySegment struct = param(params, 4, TensorMap.BYTES);
            assertEquals(0, struct.address() % 64);
            byte[] copy = struct.toArray(ValueLayout.JAVA_BYTE);
            assertEquals(7, copy[0]);
            assertEquals(9, copy[127]);
        }
        assertArrayEquals(
                new byte[] {7}, java.util.Arrays.copyOf((byte[]) args.values().get(4), 1));
    }

    private static MemorySegment param(MemorySegment params, int i, long bytes) {
        return params.getAtIndex(ADDRESS, i).reinterpret(bytes);
    }
}
