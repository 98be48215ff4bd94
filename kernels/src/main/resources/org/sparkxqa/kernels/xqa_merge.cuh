// Multi-block merge: combines the partial rows of a request's KV splits, in split order 0..n-1
// (fixed, so the result is deterministic and batch invariant):
//   M = max_s m_s, w_s = 2^(m_s - M), out = (sum_s w_s O_s) / (sum_s w_s l_s), 0 when the sum is 0.
// One warp merges one row at a time; lane L owns dims [L * D/32, (L+1) * D/32).
#pragma once
#include "xqa_abi.cuh"

namespace xqa {

constexpr int LANE_DIMS = D / 32;  // 2, 4 or 8

__device__ __forceinline__ void merge_row(xqa_u16* out, const XqaRequest& r, int head, int kv_heads, int row,
                                          const float* scratch_o, const float2* scratch_ml, int lane) {
  const int ns = r.num_splits;
  float mx = XQA_INIT_MAX;
  for (int s = 0; s < ns; ++s) mx = fmaxf(mx, scratch_ml[xqa_partial_index(r, s, head, kv_heads, row)].x);
  float acc[LANE_DIMS];
#pragma unroll
  for (int e = 0; e < LANE_DIMS; ++e) acc[e] = 0.f;
  float sum = 0.f;
  for (int s = 0; s < ns; ++s) {
    const long long idx = xqa_partial_index(r, s, head, kv_heads, row);
    const float2 ml = scratch_ml[idx];
    const float w = xqa_exp2(ml.x - mx);
    sum += w * ml.y;
    const float* src = scratch_o + idx * D + lane * LANE_DIMS;
#pragma unroll
    for (int e = 0; e < LANE_DIMS; e += 2) {
      const float2 o = *reinterpret_cast<const float2*>(src + e);
      acc[e] += w * o.x;
      acc[e + 1] += w * o.y;
    }
  }
  const float inv = sum > 0.f ? 1.f / sum : 0.f;
  const int tok = r.q_off + row / G;
  xqa_u16* dst = out + ((long long)tok * kv_heads * G + head * G + row % G) * D + lane * LANE_DIMS;
#pragma unroll
  for (int e = 0; e < LANE_DIMS; e += 2) {
    *reinterpret_cast<xqa_u32*>(dst + e) = xqa_pack2<XQA_Q_TYPE>(acc[e] * inv, acc[e + 1] * inv);
  }
}

}  // namespace xqa
