// K/V tiles through Hopper's tensor memory accelerator (sm_90a): one thread starts a stage's copy
// (D/64 boxes of 64 columns x 64 keys for K, the same for V) and the stage's mbarrier counts the
// bytes in; every thread waits on the barrier's phase. The host encodes one tensor map each for k and
// v (cuTensorMapEncodeTiled: 16-bit elements, dims {D, Hkv, kv tokens}, box {64, 1, 64}, 128-byte
// swizzle, zero fill), so a box lands exactly as a slab of xqa_kv.cuh. fp8 K/V: 8-bit elements, one
// box {D, 1, 64} per tile, no swizzle: it lands dense, as xqa_fp8_tile.cuh converts it. Keys past the
// request's end are other requests' rows or zeros; tail_zero (16-bit) or the fp8 conversion clears
// them so no NaN reaches P * V.
#pragma once
#include "xqa_kv.cuh"
#include "xqa_wgmma.cuh"

// A CUtensorMap (128 opaque bytes, 64-byte aligned) passed by value as a __grid_constant__ parameter.
struct __align__(64) XqaTensorMap {
  xqa_u64 opaque[16];
};

#ifndef XQA_TMA
#define XQA_TMA XQA_WGMMA
#endif

namespace xqa {
constexpr int BARRIER_BYTES = MAX_STAGES * 8;  // one mbarrier per stage, after the Q rows
}

#if XQA_TMA
__device__ __forceinline__ xqa_u32 xqa_dynamic_smem_bytes() {
  xqa_u32 n;
  asm("mov.u32 %0, %%dynamic_smem_size;\n" : "=r"(n));
  return n;
}

namespace xqa {

__device__ __forceinline__ void mbar_init(xqa_u32 bar) {
  asm volatile("mbarrier.init.shared::cta.b64 [%0], 1;\n" ::"r"(bar) : "memory");
}

// Makes the initialised barriers visible to the async proxy; a __syncthreads must follow.
__device__ __forceinline__ void mbar_init_fence() { asm volatile("fence.mbarrier_init.release.cluster;\n" ::: "memory"); }

__device__ __forceinline__ void mbar_expect_bytes(xqa_u32 bar, xqa_u32 bytes) {
  asm volatile("mbarrier.arrive.expect_tx.shared::cta.b64 _, [%0], %1;\n" ::"r"(bar), "r"(bytes) : "memory");
}

__device__ __forceinline__ void mbar_wait(xqa_u32 bar, int parity) {
  asm volatile(
      "{\n .reg .pred done;\n"
      "XQA_WAIT:\n mbarrier.try_wait.parity.shared::cta.b64 done, [%0], %1;\n @!done bra XQA_WAIT;\n}\n" ::"r"(bar),
      "r"(parity)
      : "memory");
}

__device__ __forceinline__ void tma_box(xqa_u32 dst, const XqaTensorMap& map, int col, int head, int token,
                                        xqa_u32 bar, xqa_u64 policy) {
  asm volatile(
      "cp.async.bulk.tensor.3d.shared::cluster.global.tile.mbarrier::complete_tx::bytes.L2::cache_hint"
      " [%0], [%1, {%2, %3, %4}], [%5], %6;\n" ::"r"(dst),
      "l"(reinterpret_cast<xqa_u64>(&map)), "r"(col), "r"(head), "r"(token), "r"(bar), "l"(policy)
      : "memory");
}

// Thread 0 only: starts the copy of keys [token, token + KT) of one head into a stage.
__device__ __forceinline__ void tma_kv_tile(xqa_u32 stage, xqa_u32 bar, const XqaTensorMap& kmap,
                                            const XqaTensorMap& vmap, int head, int token, xqa_u64 policy) {
  constexpr int box_cols = XQA_KV_FP8 ? D : 64, box_bytes = KT * box_cols * KV_BYTES;
  mbar_expect_bytes(bar, STAGE_BYTES);
#pragma unroll
  for (int box = 0; box < D / box_cols; ++box) {
    tma_box(stage + box * box_bytes, kmap, box * box_cols, head, token, bar, policy);
    tma_box(stage + KV_TILE_BYTES + box * box_bytes, vmap, box * box_cols, head, token, bar, policy);
  }
}

// Zeroes rows [valid, KT) of a landed stage's K and V tiles (generic writes, then the fence that
// orders them before wgmma reads); a __syncthreads must follow.
__device__ __forceinline__ void tail_zero(xqa_u32 stage, int valid, int tid) {
  const xqa_u32x4 zero = {0u, 0u, 0u, 0u};
  for (int c = valid * CHUNKS + tid; c < KT * CHUNKS; c += blockDim.x) {
    const xqa_u32 dst = swz(stage, c / CHUNKS, c % CHUNKS, KV_SLAB_BYTES);
    xqa_st_shared16(dst, zero);
    xqa_st_shared16(dst + TILE_BYTES, zero);
  }
  xqa_fence_async_smem();
}

}  // namespace xqa
#endif  // XQA_TMA
