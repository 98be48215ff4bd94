package org.sparkxqa.core.gpu.kernel;

import org.sparkxqa.core.gpu.cuda.TensorMap;

/**
 * The tensor maps through which the sm_90a kernel loads K and V tiles ({@code xqa_tma.cuh}): the
 * whole concatenated k (or v) buffer of a launch as a 3-D tensor {D, Hkv, kv tokens}. 16-bit K/V: one
 * box = 64 columns x 1 head x {@link KernelGeometry#tileKeys()} keys, which lands as one 128-byte
 * swizzled slab. fp8 K/V: bytes, one box = D columns x 1 head x tileKeys keys, unswizzled (the kernel
 * converts it to 16-bit slabs). Boxes past the last token read zeros; the kernel clears rows past a
 * request's end itself. Stateless; thread-safe.
 */
public final class KvTensorMaps {
    /** Columns per box: one 128-byte swizzled row of 16-bit elements. */
    public static final int BOX_COLUMNS = 64;

    private KvTensorMaps() {}

    /** The map of the k or v buffer at {@code address} for {@code plan}'s batch (needs the CUDA driver). */
    public static byte[] of(LaunchPlan plan, long address) {
        KernelGeometry g = plan.geometry();
        int heads = plan.spec().kvHeads();
        long[] dims = {g.headDim(), heads, plan.tables.kvTokens};
        long row = (long) g.headDim() * g.kvBytes();
        long[] strides = {row, heads * row};
        if (g.kvBytes() == 1) {
            return TensorMap.tiled8(address, dims, strides, new int[] {g.headDim(), 1, g.tileKeys()});
        }
        return TensorMap.tiled16(address, dims, strides, new int[] {BOX_COLUMNS, 1, g.tileKeys()});
    }
}
