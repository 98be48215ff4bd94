package org.sparkxqa.core.gpu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.BackendMetrics;
import org.sparkxqa.core.BatchCap;
import org.sparkxqa.core.DeviceAdmission;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.gpu.cuda.DeviceInfo;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;
import org.sparkxqa.core.gpu.target.KernelVariant;

/**
 * Spec-dec attention on one GPU with the JIT-compiled XQA-style kernel. {@link #attend} plans the
 * whole batch first (every length, offset and total is checked before anything is launched), then
 * packs it into pinned host memory, copies it to the device asynchronously, launches the attention
 * and merge kernels and copies the outputs back, on a stream of its own.
 *
 * <p>Threading: {@link #attend} is thread-safe and takes no lock around the call. Each concurrent
 * caller gets its own stream with its own reusable pinned and device buffers (kept between calls and
 * grown as needed), so one caller's copies overlap another's kernels; a batch larger than
 * {@link BatchCap#BYTES} of q+k+v is cut into chunks that alternate between two streams,
 * so chunk n+1 is packed and copied while chunk n computes. Each kernel variant is compiled at most
 * once per JVM (shared {@link org.sparkxqa.core.gpu.jit.JitCache}, disk cache behind it) and loaded
 * once per backend. {@link #close} waits for the calls inside to return, then frees every stream,
 * buffer and module and releases the context and the memory pools this backend created.
 *
 * <p>This is the whole API of the backend. Callers that bring their own device buffers (the cuDF API,
 * the kernel benchmark) launch through the low-level {@link KernelLauncher#of KernelLauncher} of a
 * backend instead.
 *
 * <p>Errors: a sticky CUDA error (the context is lost) surfaces as
 * {@link org.sparkxqa.core.gpu.cuda.CudaFatalException}; the process should then be restarted.
 */
public final class GpuBackend implements AttentionBackend {
    private final GpuResources resources;
    private final String name;
    private static final Logger LOG = LoggerFactory.getLogger(GpuBackend.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    private final CallGate gate;
    private volatile long maxChunkBytes = BatchCap.BYTES;

    private GpuBackend(GpuResources resources) {
        this.resources = resources;
        DeviceInfo d = resources.device();
        this.name = "gpu:" + d.ordinal() + " (" + d.name() + ", " + d.arch() + ")";
        this.gate = new CallGate(name);
    }

    /**
     * Opens the backend on {@code options.deviceOrdinal()} and loads the warmup specs' kernels.
     *
     * @throws org.sparkxqa.core.BackendUnavailableException naming what is missing (driver, device,
     *     compute capability, NVRTC with the paths tried, kernel sources) or what failed to initialise
     */
    public static GpuBackend open(GpuOptions options) {
        return new GpuBackend(GpuResources.open(options));
    }

    @Override
    public String name() {
        return name;
    }

    /** The GPU this backend runs on. */
    public DeviceInfo device() {
        return resources.device();
    }

    @Override
    public List<byte[]> attend(AttentionSpec spec, List<Request> requests) {
        return attend(spec, requests, DeviceAdmission.NONE);
    }

    /**
     * {@link #attend(AttentionSpec, List)}, entering {@code admission} once the first chunk is packed into
     * its stream's staging memory and leaving it when the last chunk's outputs are back. The staging and
     * device buffers of the call's streams are allocated before admission. Without an admission
     * ({@link DeviceAdmission#NONE}) the first chunk's copies are queued while it is packed.
     */
    @Override
    public List<byte[]> attend(AttentionSpec spec, List<Request> requests, DeviceAdmission admission) {
        try (CallGate.Pass pass = gate.enter()) {
            return attendInside(spec, requests, admission);
        }
    }

    private List<byte[]> attendInside(AttentionSpec spec, List<Request> requests, DeviceAdmission admission) {
        if (requests.isEmpty()) {
            return List.of();
        }
        List<List<Request>> chunks = BatchChunks.split(spec, requests, maxChunkBytes);
        List<LaunchPlan> plans = new ArrayList<>(chunks.size());
        for (List<Request> chunk : chunks) {
            plans.add(LaunchPlan.of(spec, chunk, resources.limits()));
        }
        try {
            return run(plans, chunks, resources.modules().get(KernelVariant.of(spec)), admission);
        } catch (RuntimeException e) {
            throw CudfErrors.translate(e);
        }
    }

    private List<byte[]> run(
            List<LaunchPlan> plans, List<List<Request>> chunks, LoadedKernel kernel, DeviceAdmission admission) {
        BackendMetrics metrics = resources.metrics();
        StreamSlot[] slots = new StreamSlot[Math.min(2, plans.size())];
        boolean clean = false;
        try {
            for (int i = 0; i < slots.length; i++) {
                slots[i] = resources.slots().acquire();
            }
            List<byte[]> out = new ArrayList<>();
            BatchRun pending =
                    new BatchRun(slots[0], plans.get(0), chunks.get(0), kernel).pack(admission == DeviceAdmission.NONE);
            try (DeviceAdmission.Ticket ticket = admission.enter()) {
                pending.submit();
                for (int c = 1; c < plans.size(); c++) {
                    BatchRun next = new BatchRun(slots[c % slots.length], plans.get(c), chunks.get(c), kernel)
                            .pack(true)
                            .submit();
                    out.addAll(pending.finish(metrics));
                    pending = next;
                }
                out.addAll(pending.finish(metrics));
            }
            clean = true;
            return out;
        } finally {
            for (StreamSlot s : slots) {
                if (s != null) {
                    resources.slots().release(s, clean);
                }
            }
        }
    }

    /** Streams (each with its buffers) this backend holds now (tests). */
    int streams() {
        return resources.slots().size();
    }

    /** What {@link KernelLauncher} shares with this backend. */
    GpuResources resources() {
        return resources;
    }

    /** The gate {@link #close} drains; {@link KernelLauncher#launch} passes it too. */
    CallGate gate() {
        return gate;
    }

    /** Cuts batches into chunks of at most {@code bytes} of q+k+v (tests use small chunks). */
    void maxChunkBytes(long bytes) {
        this.maxChunkBytes = bytes;
    }

    /**
     * Refuses new calls, waits up to 30 s for the calls inside {@link #attend} and
     * {@link KernelLauncher#launch} to return, then frees every stream, buffer and module and releases
     * the context and the pools this backend created. If calls are still inside after the wait (a thread stuck in the driver while
     * the process exits), nothing is freed: destroying a context under a running call crashes the
     * process, and the process exit frees it. Idempotent.
     */
    @Override
    public void close() {
        if (gate.closed()) {
            return;
        }
        int inside = gate.closeAndDrain(CLOSE_WAIT);
        if (inside > 0) {
            LOG.warn(
                    "{}: {} call(s) still running after {} s; leaving the CUDA context to the process exit",
                    name,
                    inside,
                    CLOSE_WAIT.toSeconds());
            return;
        }
        resources.close();
    }
}
