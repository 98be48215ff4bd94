// Visibility (DESIGN.md §1) for one query row and key, and which KV tiles need it at all.
// Draft masks come as one 64-bit word per query token: bit t set when the token sees draft t.
#pragma once
#include "xqa_abi.cuh"

namespace xqa {

// Lowest key any row of the request can see: with a window W, row 0 (position P) sees j > P - W.
__device__ __forceinline__ int first_key(int prefix, int window) {
  return window > 0 ? max(0, prefix - window + 1) : 0;
}

// Whether a tile [t0, t0 + KT) needs per-element masking: it reaches the draft region (or the end
// of this CTA's keys), or the sliding window cuts into it for some row. Prefix tiles inside the
// window of every row are unmasked.
__device__ __forceinline__ bool tile_needs_mask(int t0, int prefix, int key_end, int lk, int window) {
  return t0 + KT > prefix || t0 + KT > key_end || (window > 0 && t0 <= lk - 1 - window);
}

// Query token i (draft row bits `draft`) sees key j, given this CTA's key limit.
__device__ __forceinline__ bool visible(xqa_u64 draft, int i, int j, int prefix, int key_end, int window) {
  if (j >= key_end) return false;
  if (j >= prefix && ((draft >> (j - prefix)) & 1ull) == 0) return false;
  if (window > 0 && prefix + i - j >= window) return false;
  return true;
}

// Sets invisible scores of one m16 fragment (rows ra, ra + 8 of the request; keys from k0, 8 per
// n-tile, lane columns 2*(lane%4)) to -inf. Rows at or past `rows` are padding: all invisible.
template <int NT>
__device__ __forceinline__ void apply_mask(float (&s)[NT][4], const xqa_u64* masks, int q_off, int rows, int ra,
                                           int k0, int prefix, int key_end, int window, int lane) {
  const int rb = ra + 8;
  const int ia = ra / G, ib = rb / G;
  const bool va = ra < rows, vb = rb < rows;
  const xqa_u64 ma = va ? masks[q_off + ia] : 0ull;
  const xqa_u64 mb = vb ? masks[q_off + ib] : 0ull;
#pragma unroll
  for (int n = 0; n < NT; ++n) {
#pragma unroll
    for (int e = 0; e < 2; ++e) {
      const int j = k0 + n * 8 + 2 * (lane & 3) + e;
      if (!(va && visible(ma, ia, j, prefix, key_end, window))) s[n][e] = xqa_neg_inf();
      if (!(vb && visible(mb, ib, j, prefix, key_end, window))) s[n][2 + e] = xqa_neg_inf();
    }
  }
}

}  // namespace xqa
