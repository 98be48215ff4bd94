package org.sparkxqa.core.gpu.cuda;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the {@link DeviceBuffer}s and {@link PinnedBuffer}s that are allocated and not yet closed,
 * process-wide, so a test can fail when it leaks one (compare {@link #snapshot()} before and after).
 * Thread-safe.
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

  public static Snapshot snapshot() {
    return new Snapshot(DEVICE_BUFFERS.get(), DEVICE_BYTES.get(), HOST_BUFFERS.get(), HOST_BYTES.get());
  }

  static void deviceAllocated(long bytes) {
    DEVICE_BUFFERS.incrementAndGet();
    DEVICE_BYTES.addAndGet(bytes);
  }

  static void deviceFreed(long bytes) {
    DEVICE_BUFFERS.decrementAndGet();
    DEVICE_BYTES.addAndGet(-bytes);
  }

  static void hostAllocated(long bytes) {
    HOST_BUFFERS.incrementAndGet();
    HOST_BYTES.addAndGet(bytes);
  }

  static void hostFreed(long bytes) {
    HOST_BUFFERS.decrementAndGet();
    HOST_BYTES.addAndGet(-bytes);
  }
}
