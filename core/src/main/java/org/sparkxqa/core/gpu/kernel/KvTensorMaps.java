package org.sparkxqa.core.gpu.kernel;

import org.sparkxqa.core.gpu.cuda.TensorMap;

/**
 * The tensor maps through which the sm_90a kernel loads K and V tiles ({@code xqa_tma.cuh}): the
 * whole concatenated k (or v) buffer of a launch as a 3-D tensor {D, Hkv, kv tokens} of 16-bit
 * elements, one box = 64 columns x 1 head x {@link KernelGeometry#tileKeys()} keys, which lands as one
 * 128-byte swizzled slab. Boxes past the last token read zeros; the kernel clears rows past a
 * request's end itself. Stateless; thread-safe.
 */
public final class KvTensorMaps {
  /** Columns per box: one 128-byte swizzled row of 16-bit elements. */
  static final int BOX_COLUMNS = 64;

  private KvTensorMaps() {}

  /** The map of the k or v buffer at {@code address} for {@code plan}'s batch (needs the CUDA driver). */
  public static byte[] of(LaunchPlan plan, long address) {
    KernelGeometry g = plan.geometry();
    int heads = plan.spec().kvHeads();
    return TensorMap.tiled16(address, new long[] {g.headDim(), heads, plan.tables.kvTokens},
        new long[] {g.rowBytes(), (long) heads * g.rowBytes()}, new int[] {BOX_COLUMNS, 1, g.tileKeys()});
  }
}
