package org.sparkxqa.core.cpu;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.testing.RandomRequests;

/** Requests whose bytes are views into one shared off-heap column compute exactly what arrays do. */
class CpuBackendViewsTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 8, 2, 64);

    @Test
    void offHeapSlicesOfOneColumnGiveTheSameBytesAsArrays() {
        List<Request> arrays = new RandomRequests(11).mixedBatch(SPEC, 6, 8, 300);
        try (Arena arena = Arena.ofShared();
                CpuBackend cpu = new CpuBackend(2)) {
            long total = arrays.stream().mapToLong(Request::kvBytes).sum();
            MemorySegment column = arena.allocate(total);
            List<Request> views = new ArrayList<>();
            long at = 0;
            for (Request r : arrays) {
                MemorySegment k = column.asSlice(at, r.k().byteSize()).copyFrom(r.k());
                MemorySegment v =
                        column.asSlice(at + r.k().byteSize(), r.v().byteSize()).copyFrom(r.v());
                at += r.kvBytes();
                views.add(Request.of(SPEC, r.q(), k, v, null, r.mask().toPacked()));
            }
            List<byte[]> expected = cpu.attend(SPEC, arrays);
            List<byte[]> got = cpu.attend(SPEC, views);
            assertEquals(expected.size(), got.size());
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(expected.get(i), got.get(i), "request " + i);
            }
            assertEquals(total, views.stream().mapToLong(Request::kvBytes).sum());
            assertArrayEquals(
                    arrays.get(0).k().toArray(JAVA_BYTE), views.get(0).k().toArray(JAVA_BYTE));
        }
    }
}
