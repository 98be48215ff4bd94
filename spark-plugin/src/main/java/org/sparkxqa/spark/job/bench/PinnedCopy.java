package org.sparkxqa.spark.job.bench;

import org.sparkxqa.core.gpu.cuda.CudaDriver;
import org.sparkxqa.core.gpu.cuda.CudaException;
import org.sparkxqa.core.gpu.cuda.GpuProbe;
import org.sparkxqa.core.gpu.cuda.HostToDeviceCopyRate;

/**
 * The pinned host-to-device copy rate of this process's GPU ({@link HostToDeviceCopyRate}), the
 * ceiling for a pipeline that feeds the GPU from host memory, or why it could not be measured. One
 * copy moves the run's K/V bytes, kept within [{@value #MIN_BYTES}, {@value #MAX_BYTES}] bytes (a
 * large copy runs at the link's rate; a larger one only costs pinned memory). Immutable (thread-safe);
 * {@link #measure} allocates and frees its own pinned and device buffers.
 *
 * @param device the GPU, or null when not measured
 * @param bytes bytes per copy (0 when not measured)
 * @param repetitions timed copies (0 when not measured)
 * @param gbps median rate in GB/s (10^9 bytes per second), or null when not measured
 * @param unavailable why there is no rate, e.g. {@code no GPU: no CUDA driver (libcuda.so.1 not found)}; null when measured
 */
public record PinnedCopy(String device, long bytes, int repetitions, Double gbps, String unavailable) {
    static final long MIN_BYTES = 64L << 20;
    static final long MAX_BYTES = 1L << 30;
    static final int REPETITIONS = 10;

    /** Measures on device {@code ordinal} with a copy the size of {@code kvBytes} (clamped). */
    public static PinnedCopy measure(int ordinal, long kvBytes) {
        String noDriver = CudaDriver.unavailableReason();
        if (noDriver != null) {
            return notMeasured("no GPU: " + noDriver);
        }
        GpuProbe.Result probe = GpuProbe.probe();
        if (ordinal >= probe.devices().size()) {
            return notMeasured(
                    "no GPU: " + (probe.available() ? "device " + ordinal + " is not visible" : probe.reason()));
        }
        long bytes = Math.clamp(kvBytes, MIN_BYTES, MAX_BYTES);
        try {
            HostToDeviceCopyRate.Result r = HostToDeviceCopyRate.measure(ordinal, bytes, REPETITIONS);
            return new PinnedCopy(r.device(), bytes, REPETITIONS, r.bytesPerSecond() / 1e9, null);
        } catch (CudaException e) {
            return notMeasured("the copy failed: " + e.getMessage());
        }
    }

    static PinnedCopy notMeasured(String reason) {
        return new PinnedCopy(null, 0, 0, null, reason);
    }

    /** E.g. {@code 25.3 GB/s (1024 MiB per copy, median of 10, GPU 0: ...)} or {@code n/a (no GPU: ...)}. */
    String text() {
        return gbps == null
                ? "n/a (" + unavailable + ")"
                : String.format(
                        "%.1f GB/s (%d MiB per copy, median of %d, %s)", gbps, bytes >> 20, repetitions, device);
    }
}
