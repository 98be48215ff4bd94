package org.sparkxqa.core.gpu;

import java.lang.foreign.MemorySegment;
import org.sparkxqa.core.gpu.cuda.CudaContext;
import org.sparkxqa.core.gpu.cuda.CudaFunction;
import org.sparkxqa.core.gpu.cuda.CudaModule;
import org.sparkxqa.core.gpu.cuda.CudaStream;
import org.sparkxqa.core.gpu.cuda.DeviceBuffer;
import org.sparkxqa.core.gpu.cuda.LaunchConfig;
import org.sparkxqa.core.gpu.cuda.PinnedBuffer;
import org.sparkxqa.core.gpu.kernel.DeviceBuffers;
import org.sparkxqa.core.gpu.kernel.KernelDescription;
import org.sparkxqa.core.gpu.kernel.KernelEntry;
import org.sparkxqa.core.gpu.kernel.KernelGeometry;
import org.sparkxqa.core.gpu.kernel.LaunchArgs;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;
import org.sparkxqa.core.gpu.target.KernelVariant;

/**
 * One kernel variant loaded into a context: its module, its two launchable functions, and its
 * geometry, checked against what the compiled module reports through {@code xqa_describe} before
 * it is ever launched on real data. Owns the module; thread-safe (launches on different streams may
 * run at once).
 */
final class LoadedKernel implements AutoCloseable {
    private final KernelVariant variant;
    private final KernelGeometry geometry;
    private final CudaModule module;
    private final CudaFunction attention;
    private final CudaFunction merge;
    private final boolean tensorMaps;
    private final boolean dependentMerge;
    private final boolean warpgroupPerMTile;

    private LoadedKernel(KernelVariant variant, CudaModule module, KernelDescription describe) {
        this.variant = variant;
        this.geometry = KernelGeometry.of(variant);
        this.module = module;
        this.attention = module.function(KernelEntry.ATTENTION);
        this.merge = module.function(KernelEntry.MERGE);
        geometry.check(variant, describe);
        this.tensorMaps = describe.flag(KernelDescription.TENSOR_MAPS);
        this.dependentMerge = describe.flag(KernelDescription.DEPENDENT_MERGE);
        this.warpgroupPerMTile = describe.flag(KernelDescription.WARPGROUP_PER_M_TILE);
    }

    /**
     * Loads {@code cubin} and checks its ABI numbers.
     *
     * @throws IllegalStateException when the module's ABI version, {@code XqaDescribe} size or geometry
     *     differs from {@link KernelDescription} and {@link KernelGeometry}
     */
    static LoadedKernel load(CudaContext context, KernelVariant variant, byte[] cubin) {
        CudaModule module = CudaModule.load(context, cubin);
        try {
            return new LoadedKernel(variant, module, describe(context, module));
        } catch (RuntimeException e) {
            module.close();
            throw e;
        }
    }

    private static KernelDescription describe(CudaContext context, CudaModule module) {
        int bytes = KernelDescription.BUFFER_BYTES;
        try (CudaStream stream = CudaStream.create(context);
                DeviceBuffer dev = DeviceBuffer.allocate(bytes, stream);
                PinnedBuffer host = PinnedBuffer.allocate(bytes)) {
            dev.fillAsync((byte) 0xFF, stream);
            module.function(KernelEntry.DESCRIBE)
                    .launch(LaunchConfig.of1d(1, 1, 0), stream, LaunchArgs.describe(dev.address()));
            dev.copyToHostAsync(0, host, 0, bytes, stream);
            stream.synchronize();
            byte[] out = new byte[bytes];
            host.get(0, out, 0, bytes);
            return KernelDescription.read(MemorySegment.ofArray(out));
        }
    }

    KernelVariant variant() {
        return variant;
    }

    /**
     * Enqueues the attention kernel of {@code plan} and, when a request is split, the merge kernel
     * after it, on {@code stream}; returns without waiting. On sm_90+ the merge is a programmatic
     * dependent launch: its CTAs are scheduled early and wait on the device for the attention grid.
     */
    void launch(LaunchPlan plan, DeviceBuffers buffers, CudaStream stream) {
        int[] grid = plan.attentionGrid();
        attention.launch(
                new LaunchConfig(
                        grid[0],
                        grid[1],
                        grid[2],
                        plan.attentionBlock(warpgroupPerMTile)[0],
                        1,
                        1,
                        plan.attentionSmemBytes()),
                stream,
                LaunchArgs.attention(plan, buffers, tensorMaps));
        if (plan.needsMerge()) {
            int[] mg = plan.mergeGrid();
            merge.launch(
                    new LaunchConfig(mg[0], mg[1], mg[2], plan.mergeBlock()[0], 1, 1, 0, dependentMerge),
                    stream,
                    LaunchArgs.merge(buffers));
        }
    }

    /** Unloads the module; no launch of it may be pending. */
    @Override
    public void close() {
        module.close();
    }
}
