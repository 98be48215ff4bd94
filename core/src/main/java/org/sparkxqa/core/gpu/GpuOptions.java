package org.sparkxqa.core.gpu;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.BackendMetrics;
import org.sparkxqa.core.gpu.jit.CacheFolders;
import org.sparkxqa.core.gpu.jit.JitCacheLimits;
import org.sparkxqa.core.memory.AllocationGuard;

/**
 * How {@link GpuBackend} opens. Immutable; validated on construction.
 *
 * @param deviceOrdinal CUDA device ordinal (after {@code CUDA_VISIBLE_DEVICES}), {@code >= 0}
 * @param nvrtcPath libnvrtc file or folder; null or blank for the standard search
 *     ({@link org.sparkxqa.core.gpu.nvrtc.NvrtcLocator})
 * @param jitCacheDir JIT disk cache root; null for {@link CacheFolders#defaultRoot()}
 * @param jitCacheLimits the JIT disk cache's size and age limits, applied once when it opens
 * @param poolFraction share of the device's free memory for the RMM pool, in (0, 0.95]; unused when
 *     RMM is already initialised (e.g. by spark-rapids)
 * @param pinnedPoolBytes size of cuDF's pinned host pool, {@code >= 0} (0: none, copies then go
 *     through pageable memory); unused when the pool already exists
 * @param warmup specs whose kernels are compiled (or loaded from disk) and loaded at open
 * @param metrics receives JIT, launch and copy events; never null
 * @param allocations checked before every staging buffer is allocated (tests inject faults through
 *     it); never null
 */
public record GpuOptions(
        int deviceOrdinal,
        String nvrtcPath,
        Path jitCacheDir,
        JitCacheLimits jitCacheLimits,
        double poolFraction,
        long pinnedPoolBytes,
        List<AttentionSpec> warmup,
        BackendMetrics metrics,
        AllocationGuard allocations) {

    /** Default RMM pool share (same as {@code spark.xqa.memory.poolFraction}). */
    public static final double DEFAULT_POOL_FRACTION = 0.5;
    /**
     * Default pinned host pool: 2 GiB, room for two callers' double-buffered staging of 256 MiB chunks;
     * larger staging buffers fall back to pageable memory (correct, but copies are then synchronous).
     */
    public static final long DEFAULT_PINNED_POOL_BYTES = 2L << 30;

    public GpuOptions {
        if (deviceOrdinal < 0) {
            throw new IllegalArgumentException("device ordinal must be >= 0, got " + deviceOrdinal);
        }
        if (!(poolFraction > 0 && poolFraction <= 0.95)) {
            throw new IllegalArgumentException("RMM pool fraction must be in (0, 0.95], got " + poolFraction);
        }
        if (pinnedPoolBytes < 0) {
            throw new IllegalArgumentException("pinned pool bytes must be >= 0, got " + pinnedPoolBytes);
        }
        jitCacheLimits = Objects.requireNonNull(jitCacheLimits, "jitCacheLimits");
        warmup = List.copyOf(Objects.requireNonNull(warmup, "warmup"));
        metrics = Objects.requireNonNull(metrics, "metrics");
        allocations = Objects.requireNonNull(allocations, "allocations");
    }

    /** Device 0, standard NVRTC search, default cache folder, limits and pools, no warmup, no metrics. */
    public static GpuOptions defaults() {
        return new GpuOptions(
                0,
                null,
                null,
                JitCacheLimits.DEFAULTS,
                DEFAULT_POOL_FRACTION,
                DEFAULT_PINNED_POOL_BYTES,
                List.of(),
                BackendMetrics.NONE,
                AllocationGuard.NONE);
    }

    public GpuOptions withDevice(int ordinal) {
        return new GpuOptions(
                ordinal,
                nvrtcPath,
                jitCacheDir,
                jitCacheLimits,
                poolFraction,
                pinnedPoolBytes,
                warmup,
                metrics,
                allocations);
    }

    public GpuOptions withNvrtcPath(String path) {
        return new GpuOptions(
                deviceOrdinal,
                path,
                jitCacheDir,
                jitCacheLimits,
                poolFraction,
                pinnedPoolBytes,
                warmup,
                metrics,
                allocations);
    }

    public GpuOptions withJitCacheDir(Path dir) {
        return new GpuOptions(
                deviceOrdinal,
                nvrtcPath,
                dir,
                jitCacheLimits,
                poolFraction,
                pinnedPoolBytes,
                warmup,
                metrics,
                allocations);
    }

    public GpuOptions withJitCacheLimits(JitCacheLimits limits) {
        return new GpuOptions(
                deviceOrdinal,
                nvrtcPath,
                jitCacheDir,
                limits,
                poolFraction,
                pinnedPoolBytes,
                warmup,
                metrics,
                allocations);
    }

    public GpuOptions withPoolFraction(double fraction) {
        return new GpuOptions(
                deviceOrdinal,
                nvrtcPath,
                jitCacheDir,
                jitCacheLimits,
                fraction,
                pinnedPoolBytes,
                warmup,
                metrics,
                allocations);
    }

    public GpuOptions withPinnedPoolBytes(long bytes) {
        return new GpuOptions(
                deviceOrdinal,
                nvrtcPath,
                jitCacheDir,
                jitCacheLimits,
                poolFraction,
                bytes,
                warmup,
                metrics,
                allocations);
    }

    public GpuOptions withWarmup(List<AttentionSpec> specs) {
        return new GpuOptions(
                deviceOrdinal,
                nvrtcPath,
                jitCacheDir,
                jitCacheLimits,
                poolFraction,
                pinnedPoolBytes,
                specs,
                metrics,
                allocations);
    }

    public GpuOptions withMetrics(BackendMetrics listener) {
        return new GpuOptions(
                deviceOrdinal,
                nvrtcPath,
                jitCacheDir,
                jitCacheLimits,
                poolFraction,
                pinnedPoolBytes,
                warmup,
                listener,
                allocations);
    }

    public GpuOptions withAllocationGuard(AllocationGuard guard) {
        return new GpuOptions(
                deviceOrdinal,
                nvrtcPath,
                jitCacheDir,
                jitCacheLimits,
                poolFraction,
                pinnedPoolBytes,
                warmup,
                metrics,
                guard);
    }

    /** The JIT disk cache root to use: {@link #jitCacheDir} or the default. */
    public Path jitCacheRoot() {
        return jitCacheDir != null ? jitCacheDir : CacheFolders.defaultRoot();
    }
}
