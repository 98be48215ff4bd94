// Multi-block merge: combines the partial rows of a request's KV splits:
//   M = max_s m_s, w_s = 2^(m_s - M), out = (sum_s w_s O_s) / (sum_s w_s l_s), 0 when the sum is 0.
// The order of every sum is fixed by the request's own split count (lane s % 32 gathers splits
// s, s + 32, ...; a fixed butterfly adds the lanes; O is summed in split order), so the result is
// deterministic and batch invariant. One warp merges one row; lane L owns dims [L * D/32, +D/32).
#pragma once
#include "xqa_abi.cuh"

namespace xqa {

constexpr int LANE_DIMS = D / 32;  // 2, 4 or 8
constexpr int MERGE_UNROLL = 8;  // partial rows in flight per lane

__device__ __forceinline__ void load_lane_dims(float (&v)[LANE_DIMS], const float* src) {
#pragma unroll
  for (int e = 0; e < LANE_DIMS; e += 2) {
    const float2 o = *reinterpret_cast<const float2*>(src + e);
    v[e] = o.x;
    v[e + 1] = o.y;
  }
}

// Lane L reads split s0 + L's (max, sum); weights reach the other lanes by shuffle, so the O loop
// has only independent loads (MERGE_UNROLL partial rows in flight per lane). The first MERGE_UNROLL
// partial rows are requested before the (max, sum) pass: one round trip when there are no more splits.
__device__ __forceinline__ void merge_row(xqa_u16* out, const XqaRequest& r, int head, int kv_heads, int row,
                                          const float* scratch_o, const float2* scratch_ml, int lane) {
  const int ns = r.num_splits;
  const long long idx0 = xqa_partial_index(r, 0, head, kv_heads, row);
  const long long split_step = xqa_partial_index(r, 1, head, kv_heads, row) - idx0;
  const float* base = scratch_o + idx0 * D + lane * LANE_DIMS;
  float v[MERGE_UNROLL][LANE_DIMS];
#pragma unroll
  for (int u = 0; u < MERGE_UNROLL; ++u) load_lane_dims(v[u], base + min(u, ns - 1) * split_step * D);
  float mx = XQA_INIT_MAX;
  for (int s = lane; s < ns; s += 32) mx = fmaxf(mx, scratch_ml[idx0 + s * split_step].x);
#pragma unroll
  for (int o = 16; o > 0; o >>= 1) mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, o));
  float sum = 0.f;
  float acc[LANE_DIMS];
#pragma unroll
  for (int e = 0; e < LANE_DIMS; ++e) acc[e] = 0.f;
  for (int s0 = 0; s0 < ns; s0 += 32) {
    const int n = min(32, ns - s0);
    float w_lane = 0.f;
    if (lane < n) {
      const float2 ml = scratch_ml[idx0 + (s0 + lane) * split_step];
      w_lane = xqa_exp2(ml.x - mx);
      sum += w_lane * ml.y;
    }
    for (int u0 = 0; u0 < n; u0 += MERGE_UNROLL) {
      if (s0 + u0 > 0) {
#pragma unroll
        for (int u = 0; u < MERGE_UNROLL; ++u) load_lane_dims(v[u], base + (s0 + min(u0 + u, n - 1)) * split_step * D);
      }
#pragma unroll
      for (int u = 0; u < MERGE_UNROLL; ++u) {
        const float w = __shfl_sync(0xffffffffu, w_lane, (u0 + u) & 31);
        if (u0 + u < n) {
#pragma unroll
          for (int e = 0; e < LANE_DIMS; ++e) acc[e] += w * v[u][e];
        }
      }
    }
  }
#pragma unroll
  for (int o = 16; o > 0; o >>= 1) sum += __shfl_xor_sync(0xffffffffu, sum, o);
  const float inv = sum > 0.f ? 1.f / sum : 0.f;
  const int tok = r.q_off + row / G;
  xqa_u16* dst = out + ((long long)tok * kv_heads * G + head * G + row % G) * D + lane * LANE_DIMS;
#pragma unroll
  for (int e = 0; e < LANE_DIMS; e += 2) {
    *reinterpret_cast<xqa_u32*>(dst + e) = xqa_pack2<XQA_Q_TYPE>(acc[e] * inv, acc[e + 1] * inv);
  }
}

}  // namespace xqa
