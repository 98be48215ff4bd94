package org.sparkxqa.core.gpu;

import org.sparkxqa.core.gpu.cuda.CudaContext;
import org.sparkxqa.core.gpu.cuda.CudaStream;
import org.sparkxqa.core.gpu.cuda.DeviceBuffer;
import org.sparkxqa.core.gpu.cuda.GpuTimer;
import org.sparkxqa.core.gpu.cuda.PinnedBuffer;

/**
 * What one caller of {@link GpuBackend#attend} holds while it runs a batch: its own CUDA stream, a
 * pair of timing events, and the pinned host and device arenas, which are kept between batches and
 * grow (never shrink) to the largest batch seen, so a steady stream of batches allocates nothing.
 * One thread at a time (the backend hands slots out exclusively); {@link #close} frees everything.
 */
final class StreamSlot implements AutoCloseable {
    private static final long MIB = 1L << 20;

    private final CudaContext context;
    private final SlotMemory memory;
    private final CudaStream stream;
    private final GpuTimer timer;
    private PinnedBuffer hostIn;
    private PinnedBuffer hostOut;
    private DeviceBuffer device;
    private boolean closed;

    StreamSlot(CudaContext context, SlotMemory memory) {
        this.context = context;
        this.memory = memory;
        this.stream = CudaStream.create(context);
        try {
            this.timer = new GpuTimer(context, stream);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    CudaContext context() {
        return context;
    }

    CudaStream stream() {
        return stream;
    }

    GpuTimer timer() {
        return timer;
    }

    /**
     * Makes the arenas at least as large as {@code layout} needs; an arena too small is freed before
     * its replacement is allocated, so a failed allocation leaves no arena rather than a freed one.
     * Only call while nothing is pending on the stream (after the previous batch finished).
     *
     * @throws org.sparkxqa.core.memory.OutOfBackendMemoryException when an arena does not fit
     */
    void ensureCapacity(BatchLayout layout) {
        if (hostIn == null || hostIn.bytes() < layout.inBytes()) {
            closeQuietly(hostIn);
            hostIn = null;
            hostIn = memory.pinned(grow(layout.inBytes()));
        }
        if (hostOut == null || hostOut.bytes() < layout.outBytes()) {
            closeQuietly(hostOut);
            hostOut = null;
            hostOut = memory.pinned(grow(layout.outBytes()));
        }
        if (device == null || device.bytes() < layout.deviceBytes()) {
            closeQuietly(device);
            device = null;
            device = memory.device(grow(layout.deviceBytes()), stream);
        }
    }

    /** A quarter of headroom, in whole MiB, so slowly growing batches do not reallocate every time. */
    private static long grow(long bytes) {
        long padded = bytes + bytes / 4;
        return (padded + MIB - 1) / MIB * MIB;
    }

    PinnedBuffer hostIn() {
        return hostIn;
    }

    PinnedBuffer hostOut() {
        return hostOut;
    }

    DeviceBuffer device() {
        return device;
    }

    /** Waits for the stream, then frees the arenas, events and stream. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stream.synchronize();
        } finally {
            for (AutoCloseable c : new AutoCloseable[] {hostIn, hostOut, device, timer}) {
                closeQuietly(c);
            }
            hostIn = null;
            hostOut = null;
            device = null;
            stream.close();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // freeing after a fatal error may fail again; the first error was already reported
            }
        }
    }
}
