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

    /** One buffer the writer handed over and how many of its bytes it filled. */
    private record Piece(HostMemoryBuffer buffer, long length) {}

    private final List<Piece> pieces = new ArrayList<>();
    private long bytes;

    @Override
    public void handleBuffer(HostMemoryBuffer buffer, long length) {
        pieces.add(new Piece(buffer, length));
        bytes += length;
    }

    /** Bytes held. */
    long bytes() {
        return bytes;
    }

    /** Appends every buffer, in the order the writer produced them, to {@code out}. */
    void writeTo(OutputStream out) throws IOException {
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1, bytes))];
        for (Piece piece : pieces) {
            for (long at = 0; at < piece.length(); ) {
                int n = (int) Math.min(chunk.length, piece.length() - at);
                piece.buffer().getBytes(chunk, 0, at, n);
                out.write(chunk, 0, n);
                at += n;
            }
        }
    }

    @Override
    public void close() {
        pieces.forEach(p -> p.buffer().close());
        pieces.clear();
        bytes = 0;
    }
}
