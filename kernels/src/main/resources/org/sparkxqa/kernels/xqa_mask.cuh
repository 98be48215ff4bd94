// Visibility (docs/DESIGN.md §1) for one query row and key, and which KV tiles need it at all.
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

// The query token of request row r (rows are token-major, head fastest: r = token * G + head), for
// 0 <= r < (MAX_LQ + 1) * G: a multiply and a shift, where r / G takes a longer sequence and more
// registers than the softmax step has to spare at D = 128 on sm_90a for some G (7, 14, 15, 23, ...).
constexpr unsigned ROW_TOKEN_SHIFT = 20;
constexpr unsigned ROW_TOKEN_MUL = ((1u << ROW_TOKEN_SHIFT) + G - 1) / G;  // 2^20 / G, rounded up

__device__ __host__ constexpr int token_of_row(int r) {
  return (int)(((unsigned)r * ROW_TOKEN_MUL) >> ROW_TOKEN_SHIFT);
}

// Exact because r * (ROW_TOKEN_MUL * G - 2^20) < 2^20 over that range (and r * ROW_TOKEN_MUL < 2^32).
constexpr bool token_of_row_is_exact() {
  for (int r = 0; r < (MAX_LQ + 1) * G; ++r) {
    if (token_of_row(r) != r / G) return false;
  }
  return true;
}
static_assert(token_of_row_is_exact(), "token_of_row must equal r / G for every row a request has");

// Bits [0, n) set; n is clamped to [0, 64] (no undefined shifts).
__device__ __forceinline__ xqa_u64 low_bits(int n) {
  return n <= 0 ? 0ull : n >= 64 ? ~0ull : (1ull << n) - 1ull;
}

// Which of the 64 keys [k0, k0 + 64) query token i (draft row bits `draft`) sees, bit j - k0 per
// key j: below this CTA's key limit, its draft bit set where j >= prefix, and inside the window.
__device__ __forceinline__ xqa_u64 visible_bits(xqa_u64 draft, int i, int k0, int prefix, int key_end, int window) {
  const int d = k0 - prefix;  // draft index of key k0
  const xqa_u64 drafts = d >= 64 ? 0ull : d >= 0 ? draft >> d : d <= -64 ? ~0ull : (draft << -d) | low_bits(-d);
  xqa_u64 bits = low_bits(key_end - k0) & drafts;
  if (window > 0) bits &= ~low_bits(prefix + i - window + 1 - k0);
  return bits;
}

// Sets invisible scores of one m16 fragment (rows ra, ra + 8 of the request; keys from k0, 8 per
// n-tile, lane columns 2*(lane%4)) to -inf. Rows at or past `rows` are padding: all invisible.
// Each row's visibility is one 64-bit word, so the per-score test is a constant bit position.
template <int NT>
__device__ __forceinline__ void apply_mask(float (&s)[NT][4], const xqa_u64* masks, int q_off, int rows, int ra,
                                           int k0, int prefix, int key_end, int window, int lane) {
  static_assert(NT * 8 <= 64, "one visibility word covers 64 keys");
  const int rb = ra + 8;
  const int shift = 2 * (lane & 3);
  // Recomputed on each masked tile: token indices hoisted out of the key loop would hold two more
  // registers through it, which spills at D = 128 on sm_90a.
  int r0 = ra;
  asm volatile("" : "+r"(r0));
  const int ta = token_of_row(r0), tb = token_of_row(r0 + 8);
  const xqa_u64 va = ra < rows ? visible_bits(masks[q_off + ta], ta, k0, prefix, key_end, window) >> shift : 0ull;
  const xqa_u64 vb = rb < rows ? visible_bits(masks[q_off + tb], tb, k0, prefix, key_end, window) >> shift : 0ull;
#pragma unroll
  for (int n = 0; n < NT; ++n) {
#pragma unroll
    for (int e = 0; e < 2; ++e) {
      if (((va >> (n * 8 + e)) & 1ull) == 0) s[n][e] = xqa_neg_inf();
      if (((vb >> (n * 8 + e)) & 1ull) == 0) s[n][2 + e] = xqa_neg_inf();
    }
  }
}

}  // namespace xqa
