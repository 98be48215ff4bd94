// The spec-dec attention CTA: one (KV head, request, row tile, KV split). Its G x Lq query rows
// (token-major, head fastest) are the MMA M dimension; each warp owns up to WARP_ROWS of them:
// S = Q K^T and O += P V on tensor cores (m16n8k16, fp32 accumulation), online softmax in between.
// Few rows: warps share rows and split each tile's keys, then merge (xqa_warp_merge.cuh). K/V
// tiles stream through a cp.async pipeline of `stages` tiles; the mask
// runs only on tiles that reach the drafts or the window edge. A single-split request writes its
// output; otherwise the CTA writes its unnormalised partial rows and (max, sum) to the scratch.
#pragma once
#include "xqa_kv.cuh"
#include "xqa_mask.cuh"
#include "xqa_softmax.cuh"

namespace xqa {

constexpr int DT = D / 8;  // n8 tiles of the output row

// The Q K^T k-step loop is unrolled only this far (and the two score blocks of a tile not at all):
// fully unrolled, ptxas spilled registers and ncu showed instruction-fetch stalls (H100).
#ifndef XQA_KD_UNROLL
#define XQA_KD_UNROLL 4
#endif

struct Accum {
  float o[MF][DT][4];
  RowState st[MF];
};

// What a warp needs to know about its rows and keys while it walks the tiles.
struct WarpCtx {
  xqa_u32 qs;          // shared Q rows of the CTA
  int qslab;           // bytes between the Q tile's 64-column slabs
  int wrow;            // first CTA row of this warp
  int fstride;         // CTA rows between the warp's m16 fragments f and f + 1
  int lane;
  float scale_log2;
  const xqa_u64* masks;
  int q_off, rows, row_base;  // request's first q token, Lq * G, CTA's first row
  int prefix, key_end, window;
};

// The softmax step of one m16 fragment (rows ra, ra + 8 of the request; NT n8 tiles of scores from
// key k0), shared by the mma.sync and wgmma paths: mask when the tile needs it, update the running
// max and sum, rescale the fragment's O rows when some max moved (x 1.0 is exact, so skipping
// changes no bit), and pack P as the A operand of P V (the m16n8k16 A register layout).
template <int NT>
__device__ __forceinline__ void softmax_to_p(float (&s)[NT][4], RowState& st, float (&o)[DT][4],
                                             xqa_u32 (&p)[NT / 2][4], const WarpCtx& c, int ra, int k0, bool masked) {
  if (masked) apply_mask<NT>(s, c.masks, c.q_off, c.rows, ra, k0, c.prefix, c.key_end, c.window, c.lane);
  float alpha[2];
  st.update<NT>(s, c.scale_log2, alpha);
  if (__any_sync(0xffffffffu, alpha[0] != 1.f || alpha[1] != 1.f)) {
#pragma unroll
    for (int n = 0; n < DT; ++n) {
      o[n][0] *= alpha[0];
      o[n][1] *= alpha[0];
      o[n][2] *= alpha[1];
      o[n][3] *= alpha[1];
    }
  }
#pragma unroll
  for (int kk = 0; kk < NT / 2; ++kk) {
    p[kk][0] = xqa_pack2<XQA_MMA_TYPE>(s[2 * kk][0], s[2 * kk][1]);
    p[kk][1] = xqa_pack2<XQA_MMA_TYPE>(s[2 * kk][2], s[2 * kk][3]);
    p[kk][2] = xqa_pack2<XQA_MMA_TYPE>(s[2 * kk + 1][0], s[2 * kk + 1][1]);
    p[kk][3] = xqa_pack2<XQA_MMA_TYPE>(s[2 * kk + 1][2], s[2 * kk + 1][3]);
  }
}

// One softmax step over keys [kb, kb + KBT) of a stage (tile starting at key t0) for this warp's
// first NF fragments. NF and KBT are compile-time, so the body is straight-line code (no branches
// around mma.sync).
template <int NF, int KBT>
__device__ __forceinline__ void attend_block(Accum& acc, const WarpCtx& c, xqa_u32 ks, xqa_u32 vs, int kb, int t0,
                                             bool masked) {
  constexpr int NT = KBT / 8;  // n8 tiles of scores
  float s[NF][NT][4];
#pragma unroll
  for (int f = 0; f < NF; ++f)
#pragma unroll
    for (int n = 0; n < NT; ++n) s[f][n][0] = s[f][n][1] = s[f][n][2] = s[f][n][3] = 0.f;
#pragma unroll XQA_KD_UNROLL
  for (int kd = 0; kd < D / 16; ++kd) {
    xqa_u32 kf[NT / 2][4];
#pragma unroll
    for (int np = 0; np < NT / 2; ++np) xqa_ldmatrix_x4(kf[np], k_addr(ks, kb + np * 16, kd, c.lane));
#pragma unroll
    for (int f = 0; f < NF; ++f) {
      xqa_u32 a[4];
      xqa_ldmatrix_x4(a, a_addr(c.qs, c.qslab, c.wrow + f * 16, kd, c.lane));
#pragma unroll
      for (int np = 0; np < NT / 2; ++np) {
        xqa_mma16816<XQA_MMA_TYPE>(s[f][2 * np], a, kf[np][0], kf[np][1]);
        xqa_mma16816<XQA_MMA_TYPE>(s[f][2 * np + 1], a, kf[np][2], kf[np][3]);
      }
    }
  }
  xqa_u32 p[NF][KBT / 16][4];
#pragma unroll
  for (int f = 0; f < NF; ++f) {
    softmax_to_p<NT>(s[f], acc.st[f], acc.o[f], p[f], c, c.row_base + c.wrow + f * 16 + (c.lane >> 2), t0 + kb,
                     masked);
  }
#pragma unroll
  for (int kk = 0; kk < KBT / 16; ++kk) {
#pragma unroll
    for (int dn = 0; dn < D / 16; ++dn) {
      xqa_u32 vf[4];
      xqa_ldmatrix_x4_trans(vf, v_addr(vs, kb + kk * 16, dn, c.lane));
#pragma unroll
      for (int f = 0; f < NF; ++f) {
        xqa_mma16816<XQA_MMA_TYPE>(acc.o[f][2 * dn], p[f][kk], vf[0], vf[1]);
        xqa_mma16816<XQA_MMA_TYPE>(acc.o[f][2 * dn + 1], p[f][kk], vf[2], vf[3]);
      }
    }
  }
}

// The warp's share of one K/V tile (KT keys at t0, stage at ks). Rows and keys are shared out by
// the request's row count alone (batch invariant): `ksplit` warps take the same rows and split each
// tile's keys (4: 16 keys each, 2: 32 keys each); ksplit 1: the warp walks all keys of its rows.
template <int NF>
__device__ __forceinline__ void attend_tile(Accum& acc, const WarpCtx& c, xqa_u32 ks, int t0, bool masked, int ksplit,
                                            int wn) {
  const xqa_u32 vs = ks + TILE_BYTES;
  if (ksplit == 4) {
    attend_block<NF, 16>(acc, c, ks, vs, wn * 16, t0, masked);
  } else if (ksplit == 2) {
    attend_block<NF, 32>(acc, c, ks, vs, wn * 32, t0, masked);
  } else {
#pragma unroll 1
    for (int kb = 0; kb < KT; kb += KB) attend_block<NF, KB>(acc, c, ks, vs, kb, t0, masked);
  }
}

}  // namespace xqa
