package org.sparkxqa.spark.gpureader;

import ai.rapids.cudf.HostBufferConsumer;
import ai.rapids.cudf.HostMemoryBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes cuDF's Parquet writer produced for one output file, held in the host buffers it handed
 * over, so the file can be written after the task has given its GPU permit back (the writer runs
 * inside the permit, the file system write does not). Owns the buffers: {@link #close} frees them.
 * One task's; not thread-safe.
 */
final class EncodedFile implements HostBufferConsumer, AutoCloseable {
    private static final int CHUNK = 8 << 20;
    private final List<HostMemoryBuffer> buffers = new ArrayList<>();
    private final List<Long> lengths = new ArrayList<>();

    @Override
    public void handleBuffer(HostMemoryBuffer buffer, long length) {
        buffers.add(buffer);
        lengths.add(length);
    }

    /** Bytes held. */
    long bytes() {
        return lengths.stream().mapToLong(Long::longValue).sum();
    }

    /** Appends every buffer, in the order the writer produced them, to {@code out}. */
    void writeTo(OutputStream out) throws IOException {
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1, bytes()))];
        for (int b = 0; b < buffers.size(); b++) {
            long length = lengths.get(b);
            for (long at = 0; at < length; ) {
                int n = (int) Math.min(chunk.length, length - at);
                buffers.get(b).getBytes(chunk, 0, at, n);
                out.write(chunk, 0, n);
                at += n;
            }
        }
    }

    @Override
    public void close() {
        buffers.forEach(HostMemoryBuffer::close);
        buffers.clear();
        lengths.clear();
    }
}
