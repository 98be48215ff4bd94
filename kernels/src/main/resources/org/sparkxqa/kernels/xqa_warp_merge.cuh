// Merge of warps that split a tile's keys (ksplit 2 or 4): they hold the same rows, each with its
// own (max, partial sum, O). After the tile loop, warps wn > 0 park their state in the (now idle)
// K/V shared memory (the stages, then fp8's converted tiles) in fragment order (float i of lane L at
// [slot][i][L], conflict-free); warp wn = 0 folds them in, in the fixed order wn = 1, 2, 3:
//   M = max(m, m_w), O = O * 2^(m - M) + O_w * 2^(m_w - M), l likewise.
#pragma once
#include "xqa_attention.cuh"

namespace xqa {

constexpr int STATE_FLOATS = MF * DT * 4 + MF * 4;  // per lane: O, then (m, l) of both row halves
static_assert(3 * STATE_FLOATS * 32 * 4 <= 2 * STAGE_BYTES + CONVERT_BYTES,
              "warp states must fit two K/V stages and the converted tiles");

__device__ __forceinline__ void park_state(const Accum& acc, float* smem, int slot, int lane) {
  float* dst = smem + slot * STATE_FLOATS * 32 + lane;
#pragma unroll
  for (int f = 0; f < MF; ++f) {
#pragma unroll
    for (int n = 0; n < DT; ++n)
#pragma unroll
      for (int e = 0; e < 4; ++e) dst[((f * DT + n) * 4 + e) * 32] = acc.o[f][n][e];
#pragma unroll
    for (int h = 0; h < 2; ++h) {
      dst[(MF * DT * 4 + f * 4 + h) * 32] = acc.st[f].m[h];
      dst[(MF * DT * 4 + f * 4 + 2 + h) * 32] = acc.st[f].l[h];
    }
  }
}

__device__ __forceinline__ void fold_state(Accum& acc, const float* smem, int slot, int lane) {
  const float* src = smem + slot * STATE_FLOATS * 32 + lane;
#pragma unroll
  for (int f = 0; f < MF; ++f) {
    float a[2], b[2];
#pragma unroll
    for (int h = 0; h < 2; ++h) {
      const float mw = src[(MF * DT * 4 + f * 4 + h) * 32];
      const float lw = src[(MF * DT * 4 + f * 4 + 2 + h) * 32];
      const float mx = fmaxf(acc.st[f].m[h], mw);
      a[h] = xqa_exp2(acc.st[f].m[h] - mx);
      b[h] = xqa_exp2(mw - mx);
      acc.st[f].m[h] = mx;
      acc.st[f].l[h] = acc.st[f].l[h] * a[h] + lw * b[h];
    }
#pragma unroll
    for (int n = 0; n < DT; ++n)
#pragma unroll
      for (int e = 0; e < 4; ++e) {
        const int h = e >> 1;
        acc.o[f][n][e] = acc.o[f][n][e] * a[h] + src[((f * DT + n) * 4 + e) * 32] * b[h];
      }
  }
}

}  // namespace xqa
