// The spec-dec attention CTA: one (KV head, request, row tile, KV split). Its G x Lq query rows
// (token-major, head fastest) are the MMA M dimension; each warp owns WARP_ROWS of them and walks
// every key of the split: S = Q K^T and O += P V on tensor cores (m16n8k16, fp32 accumulation),
// online softmax in between. K/V tiles stream through a STAGES-deep cp.async pipeline; the mask
// runs only on tiles that reach the drafts or the window edge. A single-split request writes its
// output; otherwise the CTA writes its unnormalised partial rows and (max, sum) to the scratch.
#pragma once
#include "xqa_kv.cuh"
#include "xqa_mask.cuh"
#include "xqa_softmax.cuh"

namespace xqa {

constexpr int NT = KB / 8;     // n8 tiles of scores per softmax step
constexpr int DT = D / 8;      // n8 tiles of the output row

struct Accum {
  float o[MF][DT][4];
  RowState st[MF];
};

// One softmax step over keys [kb, kb + KB) of the stage for this warp's first NF fragments. NF is a
// compile-time count so the body is straight-line code (no per-fragment branches around mma.sync).
template <int NF>
__device__ __forceinline__ void attend_block(Accum& acc, xqa_u32 qs, xqa_u32 ks, xqa_u32 vs, int kb,
                                             int wrow, int lane, float scale_log2, bool masked,
                                             const xqa_u64* masks, int q_off, int rows, int row_base, int t0,
                                             int prefix, int key_end, int window) {
  float s[NF][NT][4];
#pragma unroll
  for (int f = 0; f < NF; ++f)
#pragma unroll
    for (int n = 0; n < NT; ++n) s[f][n][0] = s[f][n][1] = s[f][n][2] = s[f][n][3] = 0.f;
#pragma unroll
  for (int kd = 0; kd < D / 16; ++kd) {
    xqa_u32 kf[NT / 2][4];
#pragma unroll
    for (int np = 0; np < NT / 2; ++np) xqa_ldmatrix_x4(kf[np], k_addr(ks, kb + np * 16, kd, lane));
#pragma unroll
    for (int f = 0; f < NF; ++f) {
      xqa_u32 a[4];
      xqa_ldmatrix_x4(a, a_addr(qs, wrow + f * 16, kd, lane));
#pragma unroll
      for (int np = 0; np < NT / 2; ++np) {
        xqa_mma16816<XQA_KV_TYPE>(s[f][2 * np], a, kf[np][0], kf[np][1]);
        xqa_mma16816<XQA_KV_TYPE>(s[f][2 * np + 1], a, kf[np][2], kf[np][3]);
      }
    }
  }
  xqa_u32 p[NF][KB / 16][4];
#pragma unroll
  for (int f = 0; f < NF; ++f) {
    {
#pragma unroll
      for (int n = 0; n < NT; ++n)
#pragma unroll
        for (int e = 0; e < 4; ++e) s[f][n][e] *= scale_log2;
      if (masked) {
        apply_mask<NT>(s[f], masks, q_off, rows, row_base + wrow + f * 16 + (lane >> 2), t0 + kb, prefix, key_end,
                       window, lane);
      }
      float alpha[2];
      acc.st[f].update<NT>(s[f], alpha);
      // Rescale only when some row's max moved (x 1.0 is exact, so skipping changes no bit).
      if (__any_sync(0xffffffffu, alpha[0] != 1.f || alpha[1] != 1.f)) {
#pragma unroll
        for (int n = 0; n < DT; ++n) {
          acc.o[f][n][0] *= alpha[0];
          acc.o[f][n][1] *= alpha[0];
          acc.o[f][n][2] *= alpha[1];
          acc.o[f][n][3] *= alpha[1];
        }
      }
#pragma unroll
      for (int kk = 0; kk < KB / 16; ++kk) {
        p[f][kk][0] = xqa_pack2<XQA_KV_TYPE>(s[f][2 * kk][0], s[f][2 * kk][1]);
        p[f][kk][1] = xqa_pack2<XQA_KV_TYPE>(s[f][2 * kk][2], s[f][2 * kk][3]);
        p[f][kk][2] = xqa_pack2<XQA_KV_TYPE>(s[f][2 * kk + 1][0], s[f][2 * kk + 1][1]);
        p[f][kk][3] = xqa_pack2<XQA_KV_TYPE>(s[f][2 * kk + 1][2], s[f][2 * kk + 1][3]);
      }
    }
  }
#pragma unroll
  for (int kk = 0; kk < KB / 16; ++kk) {
#pragma unroll
    for (int dn = 0; dn < D / 16; ++dn) {
      xqa_u32 vf[4];
      xqa_ldmatrix_x4_trans(vf, v_addr(vs, kb + kk * 16, dn, lane));
#pragma unroll
      for (int f = 0; f < NF; ++f) {
        xqa_mma16816<XQA_KV_TYPE>(acc.o[f][2 * dn], p[f][kk], vf[0], vf[1]);
        xqa_mma16816<XQA_KV_TYPE>(acc.o[f][2 * dn + 1], p[f][kk], vf[2], vf[3]);
      }
    }
  }
}

// One K/V tile (KT keys) of the stage for a warp with NF active fragments.
template <int NF>
__device__ __forceinline__ void attend_tile(Accum& acc, xqa_u32 qs, xqa_u32 ks, int wrow, int lane, float scale_log2,
                                            bool masked, const xqa_u64* masks, int q_off, int rows, int row_base,
                                            int t0, int prefix, int key_end, int window) {
#pragma unroll
  for (int kb = 0; kb < KT; kb += KB) {
    attend_block<NF>(acc, qs, ks, ks + TILE_BYTES, kb, wrow, lane, scale_log2, masked, masks, q_off, rows, row_base,
                     t0, prefix, key_end, window);
  }
}

}  // namespace xqa
