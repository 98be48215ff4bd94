// The CTA's tile step on Hopper tensor cores (sm_90a): the four warps form one warpgroup and take
// the CTA's rows 64 at a time (M tile mt = fragment f of Accum; warp w holds rows mt*64 + 16w ..
// + 15, the same register layout as an mma.sync m16 fragment). Per K/V tile:
//   S = Q K^T   for every M tile first: D/16 wgmma m64n64k16 each, operands in shared memory;
//   then per M tile, as its S lands: softmax in registers (mask, running max, rescale, exactly as
//   the mma.sync path), then O += P V: (D/64 slabs) x 4 wgmma m64n64k16, P from registers, V read
//   N-major. M tile 1's softmax overlaps M tile 0's P V on the tensor cores.
// Every product is awaited before the step returns, so the K/V stage may be refilled.
#pragma once
#include "xqa_attention.cuh"
#include "xqa_wgmma.cuh"

#if XQA_WGMMA
namespace xqa {

constexpr int WG_ROWS = 64;  // rows of one wgmma M tile
constexpr int WG_NT = KT / 8;  // n8 score tiles of a K/V tile

// Issues S = Q K^T of M tile mt (one commit group).
__device__ __forceinline__ void wg_scores(float (&s)[WG_NT][4], const WarpCtx& c, xqa_u32 ks, int mt) {
#pragma unroll
  for (int n = 0; n < WG_NT; ++n) s[n][0] = s[n][1] = s[n][2] = s[n][3] = 0.f;
  xqa_wg_fence();
#pragma unroll
  for (int kd = 0; kd < D / 16; ++kd) {
    const int slab = kd >> 2, col = (kd & 3) * 32;
    const xqa_u64 a = xqa_wg_desc(c.qs + slab * c.qslab + mt * WG_ROWS * SLAB_ROW_BYTES + col, 16);
    const xqa_u64 b = xqa_wg_desc(ks + slab * KV_SLAB_BYTES + col, 16);
    xqa_wgmma_ss<XQA_KV_TYPE>(s, a, b);
  }
  xqa_wg_commit();
}

// Softmax of M tile mt's landed scores, then issues O += P V (one commit group).
__device__ __forceinline__ void wg_softmax_pv(Accum& acc, float (&s)[WG_NT][4], const WarpCtx& c, xqa_u32 vs, int mt,
                                              int t0, bool masked) {
  xqa_u32 p[KT / 16][4];
  softmax_to_p<WG_NT>(s, acc.st[mt], acc.o[mt], p, c, c.row_base + mt * WG_ROWS + c.wrow + (c.lane >> 2), t0, masked);
  xqa_wg_fence();
#pragma unroll
  for (int kk = 0; kk < KT / 16; ++kk) {
#pragma unroll
    for (int slab = 0; slab < D / 64; ++slab) {
      float(&o)[8][4] = *reinterpret_cast<float(*)[8][4]>(&acc.o[mt][slab * 8][0]);
      xqa_wgmma_rs<XQA_KV_TYPE>(o, p[kk], xqa_wg_desc(vs + slab * KV_SLAB_BYTES + kk * 16 * SLAB_ROW_BYTES,
                                                       KV_SLAB_BYTES));
    }
  }
  xqa_wg_commit();
}

template <int NF>
__device__ __forceinline__ void attend_tile_wg(Accum& acc, const WarpCtx& c, xqa_u32 ks, int t0, bool masked) {
  const xqa_u32 vs = ks + TILE_BYTES;
  float s[NF][WG_NT][4];
#pragma unroll
  for (int mt = 0; mt < NF; ++mt) wg_scores(s[mt], c, ks, mt);
  if (NF == 2) {
    xqa_wg_wait<1>();  // S of M tile 0
    wg_softmax_pv(acc, s[0], c, vs, 0, t0, masked);
    xqa_wg_wait<1>();  // S of M tile 1 (P V of tile 0 may still run)
    wg_softmax_pv(acc, s[1], c, vs, 1, t0, masked);
  } else {
    xqa_wg_wait<0>();
    wg_softmax_pv(acc, s[0], c, vs, 0, t0, masked);
  }
  xqa_wg_wait<0>();
}

}  // namespace xqa
#endif  // XQA_WGMMA
