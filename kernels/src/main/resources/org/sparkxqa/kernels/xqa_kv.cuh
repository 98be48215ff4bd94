// Addressing of K/V/Q rows: global layout [tokens][heads][D] and the swizzled shared-memory tiles.
// A tile is stored as D/64 slabs of 64 columns (128-byte rows, the slab of column chunk c is c / 8);
// chunk c of row r sits at slot (c % 8) ^ (r % 8) of its row: Hopper's 128-byte swizzle (wgmma
// reads it through descriptors), and the eight rows an ldmatrix reads at one logical chunk fall in
// eight different bank groups. Tiles start on 1024-byte boundaries.
#pragma once
#include "xqa_mma.cuh"
#include "xqa_abi.cuh"
#include "xqa_l2.cuh"

namespace xqa {

constexpr int CHUNKS = D / 8;  // 16-byte chunks per row

constexpr int SLAB_ROW_BYTES = 128;
constexpr int KV_SLAB_BYTES = KT * SLAB_ROW_BYTES;  // one slab of a K or V tile

// Shared address of 16-byte chunk `chunk` of row `row` in a tile whose slabs are slab_bytes apart.
__device__ __forceinline__ xqa_u32 swz(xqa_u32 base, int row, int chunk, int slab_bytes) {
  return base + (chunk >> 3) * slab_bytes + row * SLAB_ROW_BYTES + (((chunk ^ row) & 7) << 4);
}

// Rows of Q a CTA keeps in shared memory: its own rows rounded up to Q_ROW_UNIT (64, one wgmma M
// tile), at most CTA_ROWS. Slabs of the Q tile are q_rows * 128 bytes apart.
__device__ __forceinline__ int q_smem_rows(int tile_rows) {
  return min(CTA_ROWS, (tile_rows + Q_ROW_UNIT - 1) / Q_ROW_UNIT * Q_ROW_UNIT);
}

// Starts the copy of keys [t0, t0 + KT) of one KV head into a stage (K tile, then V tile). Keys at
// or past key_end are zero-filled (no global read), so padding never carries NaN into P*V.
// kh/vh point at token 0 of the request's head; `stride` is elements between tokens (Hkv * D).
// Thread tid copies 16-byte chunk tid % LOAD_CHUNKS of keys tid / LOAD_CHUNKS + i * ROWS_PER_PASS.
// 16-bit K/V land swizzled, as the MMAs read them; fp8 K/V land dense ([KT][D] bytes, xqa_fp8_tile.cuh).
// Only threads below LOAD_THREADS call it.
constexpr int LOAD_CHUNKS = D * KV_BYTES / 16;  // 16-byte chunks per landed row
constexpr int ROWS_PER_PASS = LOAD_THREADS / LOAD_CHUNKS;
constexpr int PASSES = KT / ROWS_PER_PASS;
static_assert(ROWS_PER_PASS * LOAD_CHUNKS == LOAD_THREADS && PASSES * ROWS_PER_PASS == KT,
              "tile copy must divide evenly");

__device__ __forceinline__ xqa_u32 landed_chunk(xqa_u32 tile, int key, int chunk) {
  return XQA_KV_FP8 ? tile + key * (D * KV_BYTES) + chunk * 16 : swz(tile, key, chunk, KV_SLAB_BYTES);
}

__device__ __forceinline__ void load_kv_tile(xqa_u32 stage, const xqa_kv_t* kh, const xqa_kv_t* vh, long long stride,
                                             int t0, int key_end, int tid, xqa_u64 l2_policy) {
  const int key0 = tid / LOAD_CHUNKS, chunk = tid % LOAD_CHUNKS;
  const long long first = (long long)(t0 + key0) * stride + chunk * (16 / KV_BYTES);
  const long long step = ROWS_PER_PASS * stride;
#pragma unroll
  for (int i = 0; i < PASSES; ++i) {
    const int key = key0 + i * ROWS_PER_PASS;
    const bool ok = t0 + key < key_end;
    const long long off = ok ? first + i * step : 0;  // offset 0 (token 0) stays in bounds; nothing is read
    const xqa_u32 dst = landed_chunk(stage, key, chunk);
    xqa_cp_async16(dst, kh + off, ok ? 16 : 0, l2_policy);
    xqa_cp_async16(dst + KV_TILE_BYTES, vh + off, ok ? 16 : 0, l2_policy);
  }
}

// Copies query rows [row_base, row_base + q_smem_rows(n)) of one KV head's group into shared
// memory, converting from the q type to the K/V type (the MMA operand type). Rows >= n are zero;
// every row a fragment can read is written. Row r is token r / G, query head head * G + r % G.
__device__ __forceinline__ void load_q(xqa_u32 qs, const xqa_u16* q, int q_off, int q_heads, int head,
                                       int row_base, int n, int tid) {
  const int padded = q_smem_rows(n);
  for (int c = tid; c < padded * CHUNKS; c += blockDim.x) {
    const int rr = c / CHUNKS, chunk = c % CHUNKS;
    xqa_u32x4 val = {0u, 0u, 0u, 0u};
    if (rr < n) {
      const int row = row_base + rr;
      const long long tok = q_off + row / G;
      const xqa_u16* src = q + (tok * q_heads + head * G + row % G) * D + chunk * 8;
      val = *reinterpret_cast<const xqa_u32x4*>(src);
      val.x = xqa_convert2<XQA_Q_TYPE, XQA_MMA_TYPE>(val.x);
      val.y = xqa_convert2<XQA_Q_TYPE, XQA_MMA_TYPE>(val.y);
      val.z = xqa_convert2<XQA_Q_TYPE, XQA_MMA_TYPE>(val.z);
      val.w = xqa_convert2<XQA_Q_TYPE, XQA_MMA_TYPE>(val.w);
    }
    xqa_st_shared16(swz(qs, rr, chunk, padded * SLAB_ROW_BYTES), val);
  }
}

// ldmatrix lane addresses (lane l serves matrix l / 8, row l % 8).
// A operand (16 rows from `row0`, k-step kd): matrices (rows 0-7|8-15) x (cols 0-7|8-15), rows first.
__device__ __forceinline__ xqa_u32 a_addr(xqa_u32 base, int slab_bytes, int row0, int kd, int lane) {
  const int mi = lane >> 3;
  return swz(base, row0 + (lane & 7) + ((mi & 1) << 3), kd * 2 + (mi >> 1), slab_bytes);
}

// K as B operand of S = Q K^T: 16 keys from key0, k-step kd: (n-tile key0: d 0-7, 8-15), then key0 + 8.
__device__ __forceinline__ xqa_u32 k_addr(xqa_u32 base, int key0, int kd, int lane) {
  const int mi = lane >> 3;
  return swz(base, key0 + (lane & 7) + ((mi >> 1) << 3), kd * 2 + (mi & 1), KV_SLAB_BYTES);
}

// V as B operand of O = P V (transposed load): keys key0..+15, dims dn*16..+15:
// (dims 0-7: keys 0-7, 8-15), then dims 8-15.
__device__ __forceinline__ xqa_u32 v_addr(xqa_u32 base, int key0, int dn, int lane) {
  const int mi = lane >> 3;
  return swz(base, key0 + (lane & 7) + ((mi & 1) << 3), dn * 2 + (mi >> 1), KV_SLAB_BYTES);
}

}  // namespace xqa
