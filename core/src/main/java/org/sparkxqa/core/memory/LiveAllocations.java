package org.sparkxqa.core.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the device and pinned host buffers ({@code gpu.cuda.DeviceBuffer}, {@code PinnedBuffer}) that are allocated and not yet closed,
 * process-wide, so a test can fail when it leaks one (compare {@link #snapshot()} before and after).
 * Staging that is only simulated (the CPU backend under injected faults) is counted the same way,
 * through {@link #reserve}. Thread-safe.
 */
public final class LiveAllocations {
    private static final AtomicLong DEVICE_BUFFERS = new AtomicLong();
    private static final AtomicLong DEVICE_BYTES = new AtomicLong();
    private static final AtomicLong HOST_BUFFERS = new AtomicLong();
    private static final AtomicLong HOST_BYTES = new AtomicLong();

    private LiveAllocations() {}

    /** Live buffer counts and bytes at one moment. */
    public record Snapshot(long deviceBuffers, long deviceBytes, long hostBuffers, long hostBytes) {
        @Override
        public String toString() {
            return deviceBuffers + " device buffers (" + deviceBytes + " B), " + hostBuffers + " pinned host buffers ("
                    + hostBytes + " B)";
        }
    }

    /** Counted bytes without a buffer behind them; {@link #close} (idempotent) uncounts them. Not thread-safe. */
    public static final class Reservation implements AutoCloseable {
        private final MemoryKind kind;
        private final long bytes;
        private boolean closed;

        private Reservation(MemoryKind kind, long bytes) {
            this.kind = kind;
            this.bytes = bytes;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (kind == MemoryKind.DEVICE) {
                    deviceFreed(bytes);
                } else {
                    hostFreed(bytes);
                }
            }
        }
    }

    /** Counts {@code bytes} of {@code kind} as live until the returned reservation is closed. */
    public static Reservation reserve(MemoryKind kind, long bytes) {
        if (kind == MemoryKind.DEVICE) {
            deviceAllocated(bytes);
        } else {
            hostAllocated(bytes);
        }
        return new Reservation(kind, bytes);
    }

    /** The counts now. */
    public static Snapshot snapshot() {
        return new Snapshot(DEVICE_BUFFERS.get(), DEVICE_BYTES.get(), HOST_BUFFERS.get(), HOST_BYTES.get());
    }

    /** Records that a device buffer of {@code bytes} was allocated; called by the buffer classes only. */
    public static void deviceAllocated(long bytes) {
        DEVICE_BUFFERS.incrementAndGet();
        DEVICE_BYTES.addAndGet(bytes);
    }

    /** Records that a device buffer of {@code bytes} was freed; called by the buffer classes only. */
    public static void deviceFreed(long bytes) {
        DEVICE_BUFFERS.decrementAndGet();
        DEVICE_BYTES.addAndGet(-bytes);
    }

    /** Records that a pinned host buffer of {@code bytes} was allocated; called by the buffer classes only. */
    public static void hostAllocated(long bytes) {
        HOST_BUFFERS.incrementAndGet();
        HOST_BYTES.addAndGet(bytes);
    }

    /** Records that a pinned host buffer of {@code bytes} was freed; called by the buffer classes only. */
    public static void hostFreed(long bytes) {
        HOST_BUFFERS.decrementAndGet();
        HOST_BYTES.addAndGet(-bytes);
    }
}
