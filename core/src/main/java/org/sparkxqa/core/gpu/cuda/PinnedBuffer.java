package org.sparkxqa.core.gpu.cuda;

import ai.rapids.cudf.HostMemoryBuffer;
import ai.rapids.cudf.PinnedMemoryPool;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.sparkxqa.core.memory.LiveAllocations;

/**
 * Host memory for fast, truly asynchronous copies: from cuDF's pinned pool when it has room, else
 * ordinary (pageable) host memory, which still works but copies synchronously ({@link #pinned()} says
 * which). One owner closes it, once, after the copies using it are done. Counted in
 * {@link LiveAllocations}. Not thread-safe.
 */
public final class PinnedBuffer implements AutoCloseable {
    private final HostMemoryBuffer buffer;
    private final boolean pinned;
    private boolean closed;

    private PinnedBuffer(HostMemoryBuffer buffer, boolean pinned) {
        this.buffer = buffer;
        this.pinned = pinned;
        LiveAllocations.hostAllocated(buffer.getLength());
    }

    /**
     * Allocates {@code bytes} (contents undefined): from the pinned pool when it exists and is at least
     * that large (a larger request is not even tried, which would only log an RMM failure), else
     * pageable memory.
     */
    public static PinnedBuffer allocate(long bytes) {
        HostMemoryBuffer b = PinnedMemoryPool.isInitialized() && bytes <= PinnedMemoryPool.getTotalPoolSizeBytes()
                ? PinnedMemoryPool.tryAllocate(bytes)
                : null;
        return b != null ? new PinnedBuffer(b, true) : new PinnedBuffer(HostMemoryBuffer.allocate(bytes, false), false);
    }

    /** True when the memory is page-locked (from the pinned pool). */
    public boolean pinned() {
        return pinned;
    }

    /** Size in bytes. */
    public long bytes() {
        return buffer.getLength();
    }

    /** The host address of the first byte. */
    public long address() {
        return buffer.getAddress();
    }

    /** A little-endian view of {@code [offset, offset + length)}; valid until close. */
    public ByteBuffer asByteBuffer(long offset, int length) {
        return buffer.asByteBuffer(offset, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The whole buffer as a native segment (for bulk copies); valid until close, not bounds-owned by it. */
    public MemorySegment segment() {
        return MemorySegment.ofAddress(buffer.getAddress()).reinterpret(buffer.getLength());
    }

    /** Copies {@code length} bytes of {@code src} from {@code srcOffset} to {@code offset}. */
    public void put(long offset, byte[] src, int srcOffset, int length) {
        buffer.setBytes(offset, src, srcOffset, length);
    }

    /** Copies {@code length} bytes at {@code offset} into {@code dst} at {@code dstOffset}. */
    public void get(long offset, byte[] dst, int dstOffset, int length) {
        buffer.getBytes(dst, dstOffset, offset, length);
    }

    /** The cuDF buffer, borrowed: it stays owned (and closed) by this object. */
    public HostMemoryBuffer cudf() {
        return buffer;
    }

    /** Frees the memory (back to the pool). Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            buffer.close();
            LiveAllocations.hostFreed(buffer.getLength());
        }
    }
}
