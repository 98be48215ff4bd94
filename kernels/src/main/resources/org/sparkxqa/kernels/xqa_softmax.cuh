// Online softmax state of one m16 fragment as a lane sees it: two rows (lane/4 and lane/4 + 8).
// Scores are in log2 units (scaled by scale * log2 e). The running max starts finite
// (XQA_INIT_MAX), so fully masked rows never form (-inf) - (-inf); their sum stays 0 and their
// output is 0. Each lane keeps a partial row sum over its own columns; the quad reduces it once,
// at the end (the rescale factor is uniform across a row, so this equals the full sum).
#pragma once
#include "xqa_mma.cuh"

namespace xqa {

struct RowState {
  float m[2];  // running max of rows (lane/4, lane/4 + 8)
  float l[2];  // this lane's partial sums

  __device__ __forceinline__ void init() {
    m[0] = m[1] = XQA_INIT_MAX;
    l[0] = l[1] = 0.f;
  }

  // Turns scores s (NT n8 tiles of one fragment) into probabilities relative to the new max and
  // returns the factors (alpha) by which the old accumulators must be rescaled.
  template <int NT>
  __device__ __forceinline__ void update(float (&s)[NT][4], float (&alpha)[2]) {
#pragma unroll
    for (int h = 0; h < 2; ++h) {
      float mx = m[h];
#pragma unroll
      for (int n = 0; n < NT; ++n) mx = fmaxf(mx, fmaxf(s[n][2 * h], s[n][2 * h + 1]));
      mx = fmaxf(mx, xqa_shfl_xor(mx, 1));
      mx = fmaxf(mx, xqa_shfl_xor(mx, 2));
      alpha[h] = xqa_exp2(m[h] - mx);
      m[h] = mx;
      float sum = 0.f;
#pragma unroll
      for (int n = 0; n < NT; ++n) {
        s[n][2 * h] = xqa_exp2(s[n][2 * h] - mx);
        s[n][2 * h + 1] = xqa_exp2(s[n][2 * h + 1] - mx);
        sum += s[n][2 * h] + s[n][2 * h + 1];
      }
      l[h] = l[h] * alpha[h] + sum;
    }
  }

  // Full row sums (quad reduction), for the epilogue.
  __device__ __forceinline__ void finish() {
#pragma unroll
    for (int h = 0; h < 2; ++h) {
      l[h] += xqa_shfl_xor(l[h], 1);
      l[h] += xqa_shfl_xor(l[h], 2);
    }
  }
};

}  // namespace xqa
