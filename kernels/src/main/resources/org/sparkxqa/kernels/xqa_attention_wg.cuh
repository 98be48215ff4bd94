// The tile step on Hopper tensor cores (sm_90a). Each warpgroup (four warps) owns one 64-row M
// tile of the CTA (warpgroup i: rows 64 i .. 64 i + 63; warp w of it rows 16 w .. 16 w + 15 of the
// tile, the register layout of an mma.sync m16 fragment); the warpgroups share the K/V stages.
// Per K/V tile:
//   S = Q K^T: D/16 wgmma m64n64k16, operands in shared memory (WarpCtx::qs is the tile's Q);
//   softmax in registers (mask, running max, rescale, exactly as the mma.sync path);
//   O += P V: (D/64 slabs) x 4 wgmma m64n64k16, P from registers, V read N-major.
// Every product is awaited before the step returns, so the K/V stage may be refilled.
#pragma once
#include "xqa_attention.cuh"
#include "xqa_wgmma.cuh"

#if XQA_WGMMA
namespace xqa {

constexpr int WG_NT = KT / 8;  // n8 score tiles of a K/V tile
static_assert(MF == 1 && Q_ROW_UNIT == 64, "a warpgroup holds one m64 tile");

__device__ __forceinline__ void attend_tile_wg(Accum& acc, const WarpCtx& c, xqa_u32 ks, int t0, bool masked) {
  const xqa_u32 vs = ks + TILE_BYTES;
  float s[WG_NT][4];
#pragma unroll
  for (int n = 0; n < WG_NT; ++n) s[n][0] = s[n][1] = s[n][2] = s[n][3] = 0.f;
  xqa_wg_fence();
#pragma unroll
  for (int kd = 0; kd < D / 16; ++kd) {
    const int slab = kd >> 2, col = (kd & 3) * 32;
    const xqa_u64 a = xqa_wg_desc(c.qs + slab * c.qslab + col, 16);
    const xqa_u64 b = xqa_wg_desc(ks + slab * KV_SLAB_BYTES + col, 16);
    xqa_wgmma_ss<XQA_MMA_TYPE>(s, a, b);
  }
  xqa_wg_commit();
  xqa_wg_wait<0>();

  xqa_u32 p[KT / 16][4];
  softmax_to_p<WG_NT>(s, acc.st[0], acc.o[0], p, c, c.row_base + c.wrow + (c.lane >> 2), t0, masked);
  xqa_wg_fence();
#pragma unroll
  for (int kk = 0; kk < KT / 16; ++kk) {
#pragma unroll
    for (int slab = 0; slab < D / 64; ++slab) {
      float(&o)[8][4] = *reinterpret_cast<float(*)[8][4]>(&acc.o[0][slab * 8][0]);
      xqa_wgmma_rs<XQA_MMA_TYPE>(o, p[kk], xqa_wg_desc(vs + slab * KV_SLAB_BYTES + kk * 16 * SLAB_ROW_BYTES,
                                                      KV_SLAB_BYTES));
    }
  }
  xqa_wg_commit();
  xqa_wg_wait<0>();
}

}  // namespace xqa
#endif  // XQA_WGMMA
