// Spark XQA spec-dec attention kernels (docs/DESIGN.md §1), specialised by XQA_Q_TYPE, XQA_KV_TYPE,
// XQA_HEAD_DIM and XQA_GROUP. Entry points (all extern "C"):
//
//   xqa_spec_dec(q, k, v, out, masks, requests, work, scratch_o, scratch_ml, scale_log2, v_scale, window,
//                stages, k_map, v_map)
//     grid (work items, Hkv), block 128 * qrows / Q_ROW_UNIT threads when xqa_describe's
//     warpgroup_per_m_tile is 1 (sm_90a: a warpgroup per 64-row M tile), else THREADS; dynamic shared memory
//     stages * STAGE_BYTES + CONVERT_BYTES + qrows * D * 2 + BARRIER_BYTES
//     where qrows = min(CTA_ROWS, max over the batch of Lq * G rounded up to Q_ROW_UNIT) and
//     stages is 2..MAX_STAGES (pipeline depth; it changes no output bit). k_map/v_map: tensor maps of
//     k and v (xqa_tma.cuh) when the variant loads through TMA (xqa_describe's tensor_maps is 1);
//     ignored (may be zeros) otherwise.
//   xqa_spec_dec_merge(out, requests, merge_items, scratch_o, scratch_ml)
//     grid (merge items, Hkv), block 128, no dynamic shared memory; launched after xqa_spec_dec,
//     on the same stream, only when some request has more than one split; as a programmatic
//     dependent launch when xqa_describe's dependent_merge is 1 (xqa_pdl.cuh).
//   xqa_describe(XqaDescribe* out): writes this variant's ABI numbers (xqa_describe.cuh) for the host
//     to check; grid 1, block 1.
//
// Pointers are device addresses; q/out [q tokens][Hq][D], k/v [kv tokens][Hkv][D] in the variant's
// types (fp8 K/V: one byte per element); masks one uint64 per q token; scale_log2 = (scale * k_scale)
// * log2(e), the score factor in log2 units; v_scale multiplies the output (a split writes v_scale times
// its unnormalised partial rows, so the merge needs no scale); window 0 = none; a work item's
// split_tokens is a positive multiple of KT. The host validates every length, offset and size before a launch.
#include "xqa_attention.cuh"
#include "xqa_attention_wg.cuh"
#include "xqa_describe.cuh"
#include "xqa_fp8_tile.cuh"
#include "xqa_merge.cuh"
#include "xqa_pdl.cuh"
#include "xqa_tma.cuh"
#include "xqa_warp_merge.cuh"

#if !XQA_TMA
// Waits until tile t of a `stages`-deep pipeline has landed: at most stages - 2 later groups in flight.
__device__ __forceinline__ void wait_for_tile(int stages) {
  switch (stages) {
    case 8: xqa_cp_async_wait<6>(); break;
    case 7: xqa_cp_async_wait<5>(); break;
    case 6: xqa_cp_async_wait<4>(); break;
    case 5: xqa_cp_async_wait<3>(); break;
    case 4: xqa_cp_async_wait<2>(); break;
    case 3: xqa_cp_async_wait<1>(); break;
    default: xqa_cp_async_wait<0>(); break;
  }
}
#endif

extern "C" __global__ void __launch_bounds__(xqa::THREADS, xqa::MIN_CTAS)
xqa_spec_dec(const xqa_u16* __restrict__ q, const xqa_kv_t* __restrict__ k, const xqa_kv_t* __restrict__ v,
             xqa_u16* __restrict__ out, const xqa_u64* __restrict__ masks, const XqaRequest* __restrict__ requests,
             const XqaWork* __restrict__ work, float* __restrict__ scratch_o, float2* __restrict__ scratch_ml,
             float scale_log2, float v_scale, int window, int stages, const __grid_constant__ XqaTensorMap k_map,
             const __grid_constant__ XqaTensorMap v_map) {
  using namespace xqa;
  extern __shared__ __align__(1024) unsigned char smem[];
  xqa_allow_dependent_launch();
  const XqaWork w = work[blockIdx.x];
  const XqaRequest r = requests[w.request];
  const int head = blockIdx.y, kv_heads = gridDim.y;
  const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31;
  const int rows = r.lq * G;
  const int tile_rows = min(CTA_ROWS, rows - w.row_base);
  const int prefix = r.lk - r.lq;
  const int key_begin = first_key(prefix, window) + w.split * w.split_tokens;
  const int key_end = min(r.lk, key_begin + w.split_tokens);
  const int ntiles = (key_end - key_begin + KT - 1) / KT;
#if !XQA_TMA
  const long long stride = (long long)kv_heads * D;
  const xqa_kv_t* kh = k + r.kv_off * stride + head * D;
  const xqa_kv_t* vh = v + r.kv_off * stride + head * D;
#endif
  const xqa_u64 kv_policy = xqa_kv_stream_policy();
  const xqa_u32 kv_smem = xqa_smem_addr(smem);
  const xqa_u32 mma_tiles = kv_smem + stages * STAGE_BYTES;  // fp8: the converted current stage
  const xqa_u32 q_smem = mma_tiles + CONVERT_BYTES;

#if XQA_TMA
  const xqa_u32 bars = kv_smem + xqa_dynamic_smem_bytes() - BARRIER_BYTES;
  const int token0 = (int)r.kv_off + key_begin;
  if (tid == 0) {
    for (int st = 0; st < stages; ++st) mbar_init(bars + st * 8);
    mbar_init_fence();
  }
  __syncthreads();
  if (tid == 0) {
    for (int st = 0; st < stages - 1 && st < ntiles; ++st) {
      tma_kv_tile(kv_smem + st * STAGE_BYTES, bars + st * 8, k_map, v_map, head, token0 + st * KT, kv_policy);
    }
  }
#else
  for (int st = 0; st < stages - 1; ++st) {
    if (st < ntiles && tid < LOAD_THREADS) {
      load_kv_tile(kv_smem + st * STAGE_BYTES, kh, vh, stride, key_begin + st * KT, key_end, tid, kv_policy);
    }
    xqa_cp_async_commit();
  }
#endif
  load_q(q_smem, q, r.q_off, kv_heads * G, head, w.row_base, tile_rows, tid);

  // Which tensor-core path and how rows and keys are shared out among the warps: from the
  // request's row count alone (batch invariant). wgmma: warpgroup i takes rows 64 i .. 64 i + 63.
  // mma.sync: each warp owns WARP_ROWS rows, or `ksplit` warps share rows and split the keys.
  const bool wg = XQA_WGMMA && (XQA_WG_MIN_ROWS <= 1 || rows >= XQA_WG_MIN_ROWS);
  const int ksplit = wg ? 1 : rows <= WARP_ROWS ? 4 : rows <= 2 * WARP_ROWS ? 2 : 1;
  const int wm = warp / ksplit, wn = warp % ksplit;
  WarpCtx c;
  c.qs = q_smem + (wg ? (warp >> 2) * Q_ROW_UNIT * SLAB_ROW_BYTES : 0);
  c.qslab = q_smem_rows(tile_rows) * SLAB_ROW_BYTES;
  c.wrow = wg ? warp * 16 : wm * WARP_ROWS;
  c.fstride = wg ? 64 : 16;
  c.lane = lane;
  c.scale_log2 = scale_log2;
  c.masks = masks;
  c.q_off = r.q_off;
  c.rows = rows;
  c.row_base = w.row_base;
  c.prefix = prefix;
  c.key_end = key_end;
  c.window = window;
  const int nf = wg ? (tile_rows > (warp >> 2) * Q_ROW_UNIT ? 1 : 0)
                    : ksplit > 1 ? MF : max(0, min(MF, (tile_rows - c.wrow + 15) / 16));
  Accum acc;
#pragma unroll
  for (int f = 0; f < MF; ++f) {
    acc.st[f].init();
#pragma unroll
    for (int n = 0; n < DT; ++n) acc.o[f][n][0] = acc.o[f][n][1] = acc.o[f][n][2] = acc.o[f][n][3] = 0.f;
  }
  for (int t = 0; t < ntiles; ++t) {
    const int t0 = key_begin + t * KT;
#if XQA_TMA
    mbar_wait(bars + (t % stages) * 8, (t / stages) & 1);
    if (!XQA_KV_FP8 && t0 + KT > key_end) tail_zero(kv_smem + (t % stages) * STAGE_BYTES, key_end - t0, tid);
#else
    wait_for_tile(stages);
#endif
#if XQA_WGMMA
    xqa_fence_async_smem();  // the landed tile (and Q) become visible to wgmma
#endif
    __syncthreads();
    const int next = t + stages - 1;
#if XQA_TMA
    if (tid == 0 && next < ntiles) {
      tma_kv_tile(kv_smem + (next % stages) * STAGE_BYTES, bars + (next % stages) * 8, k_map, v_map, head,
                  token0 + next * KT, kv_policy);
    }
#else
    if (next < ntiles && tid < LOAD_THREADS) {
      load_kv_tile(kv_smem + (next % stages) * STAGE_BYTES, kh, vh, stride, key_begin + next * KT, key_end, tid,
                   kv_policy);
    }
    xqa_cp_async_commit();
#endif
    const bool masked = tile_needs_mask(t0, prefix, key_end, r.lk, window);
#if XQA_KV_FP8
    convert_kv_tile(mma_tiles, kv_smem + (t % stages) * STAGE_BYTES, key_end - t0, tid);
#if XQA_WGMMA
    xqa_fence_async_smem();  // the converted tiles become visible to wgmma
#endif
    __syncthreads();
    const xqa_u32 ks = mma_tiles;
#else
    const xqa_u32 ks = kv_smem + (t % stages) * STAGE_BYTES;
#endif
#if XQA_WGMMA
    if (wg) {
      if (nf > 0) attend_tile_wg(acc, c, ks, t0, masked);
      continue;
    }
#endif
    if (!XQA_WG_ONLY && nf > 0) {
      if (MF == 1 || nf == MF) {
        attend_tile<MF>(acc, c, ks, t0, masked, ksplit, wn);
      } else {
        attend_tile<1>(acc, c, ks, t0, masked, ksplit, wn);
      }
    }
  }
#if !XQA_TMA
  xqa_cp_async_wait<0>();
#endif
  if (!XQA_WG_ONLY && ksplit > 1) {
    __syncthreads();  // every warp is done with the K/V stages
    float* park = reinterpret_cast<float*>(smem);
    if (wn > 0) park_state(acc, park, wm * (ksplit - 1) + wn - 1, lane);
    __syncthreads();
    if (wn > 0) return;
    for (int k = 1; k < ksplit; ++k) fold_state(acc, park, wm * (ksplit - 1) + k - 1, lane);
  }

  const int q_heads = kv_heads * G;
#pragma unroll
  for (int f = 0; f < MF; ++f) {
    if (f >= nf) continue;
    acc.st[f].finish();
#pragma unroll
    for (int h = 0; h < 2; ++h) {
      const int row = w.row_base + c.wrow + f * c.fstride + (lane >> 2) + h * 8;
      if (row >= rows) continue;
      const int col = 2 * (lane & 3);
      if (r.num_splits == 1) {
        const float inv = acc.st[f].l[h] > 0.f ? v_scale / acc.st[f].l[h] : 0.f;
        xqa_u16* dst = out + ((long long)(r.q_off + row / G) * q_heads + head * G + row % G) * D + col;
#pragma unroll
        for (int n = 0; n < DT; ++n) {
          *reinterpret_cast<xqa_u32*>(dst + n * 8) =
              xqa_pack2<XQA_Q_TYPE>(acc.o[f][n][2 * h] * inv, acc.o[f][n][2 * h + 1] * inv);
        }
      } else {
        const long long idx = xqa_partial_index(r, w.split, head, kv_heads, row);
        float* dst = scratch_o + idx * D + col;
#pragma unroll
        for (int n = 0; n < DT; ++n) {
          *reinterpret_cast<float2*>(dst + n * 8) =
              make_float2(acc.o[f][n][2 * h] * v_scale, acc.o[f][n][2 * h + 1] * v_scale);
        }
        if ((lane & 3) == 0) scratch_ml[idx] = make_float2(acc.st[f].m[h], acc.st[f].l[h]);
      }
    }
  }
}

extern "C" __global__ void __launch_bounds__(128)
xqa_spec_dec_merge(xqa_u16* __restrict__ out, const XqaRequest* __restrict__ requests,
                   const XqaMergeItem* __restrict__ items, const float* __restrict__ scratch_o,
                   const float2* __restrict__ scratch_ml) {
  using namespace xqa;
  xqa_wait_for_primary();
  const XqaMergeItem it = items[blockIdx.x];
  const XqaRequest r = requests[it.request];
  const int rows = r.lq * G;
  const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
  for (int rr = warp; rr < MERGE_ROWS; rr += 4) {
    const int row = it.row_base + rr;
    if (row >= rows) break;
    merge_row(out, r, blockIdx.y, gridDim.y, row, scratch_o, scratch_ml, lane);
  }
}

extern "C" __global__ void xqa_describe(XqaDescribe* out) {
  if (threadIdx.x == 0 && blockIdx.x == 0) *out = xqa_description();
}
