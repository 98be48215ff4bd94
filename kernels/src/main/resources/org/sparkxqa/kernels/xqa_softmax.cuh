// Online softmax state of one m16 fragment as a lane sees it: two rows (lane/4 and lane/4 + 8).
// The running max is in log2 units (scores scaled by scale * log2 e, fused into the exponent).
// It starts finite (XQA_INIT_MAX), so fully masked rows never form (-inf) - (-inf); their sum
// stays 0 and their output is 0. Each lane keeps a partial row sum over its own columns; the quad reduces it once,
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

  // Turns raw scores s (NT n8 tiles of one fragment; -inf where invisible) into probabilities
  // 2^(s * c - m) relative to the new running max m (log2 units, c = scale * log2 e > 0), and
  // returns the factors (alpha) by which the old accumulators must be rescaled.
  template <int NT>
  __device__ __forceinline__ void update(float (&s)[NT][4], float c, float (&alpha)[2]) {
#pragma unroll
    for (int h = 0; h < 2; ++h) {
      float mx = s[0][2 * h];
#pragma unroll
      for (int n = 0; n < NT; ++n) mx = fmaxf(mx, fmaxf(s[n][2 * h], s[n][2 * h + 1]));
      mx = fmaxf(mx, xqa_shfl_xor(mx, 1));
      mx = fmaxf(mx, xqa_shfl_xor(mx, 2));
      mx = fmaxf(m[h], mx * c);  // c > 0: max commutes with the scaling (and -inf * c = -inf)
      alpha[h] = xqa_exp2(m[h] - mx);
      m[h] = mx;
      const float neg = -mx;
      float sum = 0.f;
#pragma unroll
      for (int n = 0; n < NT; ++n) {
        s[n][2 * h] = xqa_exp2(xqa_fma(s[n][2 * h], c, neg));
        s[n][2 * h + 1] = xqa_exp2(xqa_fma(s[n][2 * h + 1], c, neg));
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
