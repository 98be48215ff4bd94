package org.sparkxqa.core.gpu.kernel;

import org.sparkxqa.core.gpu.cuda.KernelArgs;
import org.sparkxqa.core.gpu.cuda.TensorMap;

/**
 * The parameter lists of the spec-dec kernels, in the order of their extern "C" signatures (the
 * only structs by value are the two tensor maps), built on the generic {@link KernelArgs}.
 * Stateless; thread-safe.
 *
 * <pre>
 * xqa_spec_dec(q, k, v, out, masks, requests, work, scratch_o, scratch_ml,   // 9 device pointers
 *              float scale_log2, float v_scale, int window, int stages,  // split sizes: in the work items
 *              CUtensorMap k_map, CUtensorMap v_map)          // by value; zeros when unused
 * xqa_spec_dec_merge(out, requests, merge_items, scratch_o, scratch_ml)       // 5 device pointers
 * xqa_describe(XqaDescribe* out)
 * </pre>
 */
public final class LaunchArgs {
    private LaunchArgs() {}

    /**
     * Parameters of {@link KernelEntry#ATTENTION} for {@code plan} over the buffers {@code b}; with
     * {@code tensorMaps}, the k and v tensor maps are encoded ({@link KvTensorMaps}, needs the driver),
     * otherwise zeros are passed.
     */
    public static KernelArgs attention(LaunchPlan plan, DeviceBuffers b, boolean tensorMaps) {
        return new KernelArgs()
                .pointer(b.q())
                .pointer(b.k())
                .pointer(b.v())
                .pointer(b.out())
                .pointer(b.masks())
                .pointer(b.requests())
                .pointer(b.work())
                .pointer(b.scratchO())
                .pointer(b.scratchMl())
                .f32(plan.scaleLog2())
                .f32(plan.vScale())
                .i32(plan.spec().window())
                .i32(plan.stages())
                .struct(tensorMaps ? KvTensorMaps.of(plan, b.k()) : TensorMap.unused(), TensorMap.ALIGNMENT)
                .struct(tensorMaps ? KvTensorMaps.of(plan, b.v()) : TensorMap.unused(), TensorMap.ALIGNMENT);
    }

    /** Parameters of {@link KernelEntry#MERGE} over the buffers {@code b}. */
    public static KernelArgs merge(DeviceBuffers b) {
        return new KernelArgs()
                .pointer(b.out())
                .pointer(b.requests())
                .pointer(b.merge())
                .pointer(b.scratchO())
                .pointer(b.scratchMl());
    }

    /** Parameters of {@link KernelEntry#DESCRIBE}: a device buffer of at least {@link KernelDescription#BUFFER_BYTES}. */
    public static KernelArgs describe(long out) {
        return new KernelArgs().pointer(out);
    }
}
