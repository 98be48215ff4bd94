package org.sparkxqa.core.gpu;

import org.sparkxqa.core.gpu.cuda.CudaContext;
import org.sparkxqa.core.gpu.cuda.CudaStream;
import org.sparkxqa.core.gpu.kernel.DeviceBuffers;
import org.sparkxqa.core.gpu.kernel.DeviceLimits;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;

/**
 * The low-level API of a {@link GpuBackend}: the attention kernels launched over device buffers the
 * caller brings, for callers whose data is already on the GPU (the cuDF API,
 * {@link org.sparkxqa.core.gpu.cudf.CudfAttention}) and for the kernel benchmark. The caller plans the
 * launch ({@link LaunchPlan#of} with {@link #deviceLimits}), owns the buffers and the stream (made in
 * {@link #context}), and keeps the buffers alive until the stream has run the work. Everything else
 * goes through {@link GpuBackend#attend}.
 *
 * <p>A launcher is a view of its backend: it shares the backend's context, loaded kernels and
 * lifetime, holds nothing of its own and needs no closing. {@link GpuBackend#close} waits for the
 * launches inside {@link #launch} to return like it waits for {@link GpuBackend#attend}; after it,
 * {@link #launch} fails. Thread-safe.
 */
public final class KernelLauncher {
    private final GpuResources resources;
    private final CallGate gate;

    private KernelLauncher(GpuResources resources, CallGate gate) {
        this.resources = resources;
        this.gate = gate;
    }

    /** The launcher of {@code backend}. */
    public static KernelLauncher of(GpuBackend backend) {
        return new KernelLauncher(backend.resources(), backend.gate());
    }

    /**
     * Enqueues the attention (and merge) kernels of {@code plan} on {@code stream} over buffers that
     * are already on the device (laid out as {@code plan} says); returns without waiting. Loads the
     * plan's kernel variant first if needed (blocking). Thread-safe.
     */
    public void launch(LaunchPlan plan, DeviceBuffers buffers, CudaStream stream) {
        try (CallGate.Pass pass = gate.enter()) {
            resources.modules().get(plan.variant()).launch(plan, buffers, stream);
        }
    }

    /** The context the backend launches in: streams and buffers for {@link #launch} are made in it. */
    public CudaContext context() {
        return resources.context();
    }

    /** The device's shared-memory limits, for {@link LaunchPlan#of}. */
    public DeviceLimits deviceLimits() {
        return resources.limits();
    }
}
