// The kernel's ABI: compile-time geometry of a variant and the tables the host builds per launch.
// Mirrored in Java by org.sparkxqa.core.gpu.kernel (KernelGeometry, AbiLayouts, LaunchTables);
// xqa_describe reports these numbers (xqa_describe.cuh) so the host can check that both sides agree.
// Little-endian, no padding beyond what is written here.
#pragma once
#include "xqa_types.cuh"

#ifndef XQA_HEAD_DIM
#error "XQA_HEAD_DIM must be defined (64, 128 or 256)"
#endif
#ifndef XQA_GROUP
#error "XQA_GROUP must be defined (1..32)"
#endif
#if XQA_HEAD_DIM != 64 && XQA_HEAD_DIM != 128 && XQA_HEAD_DIM != 256
#error "XQA_HEAD_DIM must be 64, 128 or 256"
#endif
#if XQA_GROUP < 1 || XQA_GROUP > 32
#error "XQA_GROUP must be 1..32"
#endif

#define XQA_ABI_VERSION 6

// Hopper warpgroup MMA (xqa_wgmma.cuh) exists only in sm_90a builds.
#if defined(__CUDA_ARCH_FEAT_SM90_ALL)
#define XQA_WGMMA 1
#else
#define XQA_WGMMA 0
#endif

namespace xqa {
constexpr int D = XQA_HEAD_DIM;           // head dim
constexpr int G = XQA_GROUP;              // query heads per KV head
#if defined(XQA_WARPS) && defined(XQA_MF)  // experiments only; the host reads them from xqa_describe
constexpr int WARPS = XQA_WARPS;
constexpr int MF = XQA_MF;
#elif XQA_WGMMA
constexpr int WARPS = D == 256 ? 4 : 8;   // at most; one warpgroup (4 warps) per 64-row M tile, and a
constexpr int MF = 1;                     // launch runs only the warpgroups its largest request needs
#else
constexpr int WARPS = 4;                  // warps per CTA; each owns WARP_ROWS query rows
constexpr int MF = D == 256 ? 1 : 2;      // m16 fragments per warp
#endif
constexpr int THREADS = WARPS * 32;       // the most threads of a CTA (see WG_PER_M_TILE)
// 1: a launch's block is 128 threads (a warpgroup) per Q_ROW_UNIT rows of its shared Q; 0: THREADS.
constexpr int WG_PER_M_TILE = XQA_WGMMA;
constexpr int LOAD_THREADS = 128;         // threads that issue the cp.async K/V copies
constexpr int MIN_CTAS = WARPS >= 8 ? 2 : 1;  // __launch_bounds__ occupancy hint
constexpr int WARP_ROWS = 16 * MF;
constexpr int CTA_ROWS = WARPS * WARP_ROWS;  // rows (token-major, head fastest) per CTA
constexpr int MAX_LQ = 64;                // query (draft) tokens of a request at most (one 64-bit mask word each)
constexpr int Q_ROW_UNIT = 64;            // shared Q rows are a multiple of this (one wgmma M tile)
constexpr int KT = 64;                    // keys per shared-memory tile
#ifdef XQA_KB
constexpr int KB = XQA_KB;                // experiments only (16 or 32)
#else
constexpr int KB = 32;                    // keys per online-softmax step
#endif
constexpr int MAX_STAGES = 8;             // cp.async pipeline depth is a launch argument, 2..MAX_STAGES:
                                          // the host picks the deepest that keeps its CTAs per SM
constexpr int KV_BYTES = XQA_KV_BYTES;    // bytes of a K/V element in global memory (1: fp8)
constexpr int ROW_BYTES = D * 2;          // a row of the 16-bit tiles the MMAs read (K, V, Q)
constexpr int TILE_BYTES = KT * ROW_BYTES;
constexpr int KV_TILE_BYTES = KT * D * KV_BYTES;  // a K or V tile as it lands from global memory
constexpr int STAGE_BYTES = 2 * KV_TILE_BYTES;    // K tile then V tile, as they land
// fp8: the current stage converted to 16-bit K and V tiles (xqa_fp8_tile.cuh), after the last stage.
constexpr int CONVERT_BYTES = XQA_KV_FP8 ? 2 * TILE_BYTES : 0;
// Q rows follow: min(CTA_ROWS, ceil(rows / Q_ROW_UNIT) * Q_ROW_UNIT) rows of ROW_BYTES.
constexpr int MERGE_ROWS = 4;             // rows per merge CTA (one per warp)
}  // namespace xqa

// One request of the batch (32 bytes). Offsets are into the concatenated tensors.
struct __align__(8) XqaRequest {
  long long kv_off;       // first K/V token of the request in k and v ([tokens][Hkv][D])
  long long scratch_off;  // first partial row in the scratch (only when num_splits > 1)
  int q_off;              // first query token in q, out ([tokens][Hq][D]) and masks
  int lq;                 // query (draft) tokens, 1..64
  int lk;                 // key/value tokens, lq..2^20
  int num_splits;         // KV chunks: ceil((lk - lo) / split_tokens), lo = window start (see XqaWork)
};

// One CTA of the attention kernel (16 bytes): grid.x indexes these, grid.y is the KV head.
struct __align__(16) XqaWork {
  int request;   // index into the request table
  int row_base;  // first row (i * G + g) of this CTA, a multiple of CTA_ROWS
  int split;     // KV chunk: keys [lo + split * split_tokens, min(lk, lo + (split+1) * split_tokens))
  int split_tokens;  // the request's chunk size: a multiple of KT fixed by its own Lq * G (batch invariant)
};

// One CTA of the merge kernel (8 bytes): rows [row_base, row_base + MERGE_ROWS) of a request.
struct __align__(8) XqaMergeItem {
  int request;
  int row_base;
};

// Scratch partial row index of (request r, split s, KV head h, row): the fp32 partial output is
// scratch_o[idx * D .. +D] (unnormalised) and scratch_ml[idx] = (running max in log2 units, sum).
__device__ __forceinline__ long long xqa_partial_index(const XqaRequest& r, int split, int head, int kv_heads,
                                                       int row) {
  return r.scratch_off + ((long long)split * kv_heads + head) * (long long)(r.lq * xqa::G) + row;
}
