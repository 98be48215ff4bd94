package org.sparkxqa.core.backends;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.core.BackendUnavailableException;
import org.sparkxqa.core.cpu.CpuBackend;
import org.sparkxqa.core.gpu.GpuBackend;
import org.sparkxqa.core.gpu.GpuOptions;

/** Opens the backend a {@link BackendKind} asks for. The caller owns (and closes) what it returns. */
public final class Backends {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private Backends() {}

    /** {@link #open(BackendKind, GpuOptions)} with {@link GpuOptions#defaults()}. */
    public static AttentionBackend open(BackendKind kind) {
        return open(kind, GpuOptions.defaults());
    }

    /** {@link #open(BackendKind, GpuOptions, int)} with a CPU backend on all available processors. */
    public static AttentionBackend open(BackendKind kind, GpuOptions gpu) {
        return open(kind, gpu, Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@code cpu}: the CPU backend with {@code cpuThreads} worker threads. {@code gpu}: the GPU backend
     * opened with {@code gpu}, or {@link BackendUnavailableException} naming what is missing (driver,
     * device, compute capability below 8.0, NVRTC with the paths tried, kernel sources). {@code auto}:
     * the GPU backend when it opens, else the CPU backend (with {@code cpuThreads}), logging why at INFO.
     *
     * @param cpuThreads worker threads of a CPU backend, at least 1 (e.g. the executor's cores)
     */
    public static AttentionBackend open(BackendKind kind, GpuOptions gpu, int cpuThreads) {
        if (cpuThreads < 1) {
            throw new IllegalArgumentException("cpuThreads must be >= 1, got " + cpuThreads);
        }
        return switch (kind) {
            case CPU -> new CpuBackend(cpuThreads);
            case GPU -> GpuBackend.open(gpu);
            case AUTO -> {
                try {
                    yield GpuBackend.open(gpu);
                } catch (BackendUnavailableException e) {
                    LOG.info(
                            "backend=auto: using the CPU backend because the GPU backend is unavailable: {}",
                            e.getMessage());
                    yield new CpuBackend(cpuThreads);
                }
            }
        };
    }
}
