package org.sparkxqa.spark.gpureader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.rapids.cudf.HostMemoryBuffer;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The writer's buffers come back in order, only their given lengths, and are freed on close. */
class EncodedFileTest {
    @Test
    void writesEachBufferUpToItsLengthInOrder() throws Exception {
        byte[] expected = new byte[(9 << 20) + 7 + 100];
        new Random(3).nextBytes(expected);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HostMemoryBuffer first = HostMemoryBuffer.allocate((9 << 20) + 7 + 64, false);
        HostMemoryBuffer second = HostMemoryBuffer.allocate(128, false);
        try (EncodedFile encoded = new EncodedFile()) {
            first.setBytes(0, expected, 0, (9 << 20) + 7);
            second.setBytes(0, expected, (9 << 20) + 7, 100);
            encoded.handleBuffer(first, (9 << 20) + 7);
            encoded.handleBuffer(second, 100);
            assertEquals(expected.length, encoded.bytes());
            encoded.writeTo(out);
        }
        assertArrayEquals(expected, out.toByteArray());
        assertEquals(0, first.getRefCount(), "the first buffer is freed");
        assertEquals(0, second.getRefCount(), "the second buffer is freed");
    }
}
