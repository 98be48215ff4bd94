// fp8 K/V tiles: a stage holds the K tile then the V tile as they land, fp8 codes [KT keys][D] bytes,
// dense (cp.async chunks, or one TMA box {D, 1, KT} of bytes without swizzle). Before each tile step
// the whole CTA converts the current stage into the 16-bit swizzled K and V tiles of xqa_kv.cuh
// (CONVERT_BYTES after the last stage), in the MMA type, exactly (xqa_fp8.cuh); the tile step then
// runs as for 16-bit K/V. Keys at or past `valid` become zeros, so padding and the codes of
// neighbouring requests (NaN included) never reach P * V. The K/V scales are not applied here: they
// enter the fp32 scores and output (docs/fp8.md).
#pragma once
#include "xqa_fp8.cuh"
#include "xqa_kv.cuh"

#if XQA_KV_FP8
namespace xqa {

constexpr int FP8_CHUNKS = D / 16;  // 16-byte chunks of codes per landed row

__device__ __forceinline__ xqa_u32x4 xqa_ld_shared16(xqa_u32 src) {
  xqa_u32x4 v;
  asm volatile("ld.shared.v4.b32 {%0, %1, %2, %3}, [%4];\n" : "=r"(v.x), "=r"(v.y), "=r"(v.z), "=r"(v.w) : "r"(src));
  return v;
}

// Converts the landed stage at `stage` into the 16-bit K and V tiles at `tiles`; every thread of the
// CTA takes part, and a barrier (with the async-proxy fence before wgmma) must follow.
__device__ __forceinline__ void convert_kv_tile(xqa_u32 tiles, xqa_u32 stage, int valid, int tid) {
  for (int c = tid; c < KT * FP8_CHUNKS; c += blockDim.x) {
    const int key = c / FP8_CHUNKS, chunk = c % FP8_CHUNKS;
#pragma unroll
    for (int kv = 0; kv < 2; ++kv) {
      xqa_u32x4 lo = {0u, 0u, 0u, 0u}, hi = {0u, 0u, 0u, 0u};
      if (key < valid) {
        xqa_fp8x16_to_chunks<XQA_KV_TYPE, XQA_MMA_TYPE>(xqa_ld_shared16(stage + kv * KV_TILE_BYTES + c * 16), lo, hi);
      }
      const xqa_u32 tile = tiles + kv * TILE_BYTES;
      xqa_st_shared16(swz(tile, key, 2 * chunk, KV_SLAB_BYTES), lo);
      xqa_st_shared16(swz(tile, key, 2 * chunk + 1, KV_SLAB_BYTES), hi);
    }
  }
}

}  // namespace xqa
#endif  // XQA_KV_FP8
