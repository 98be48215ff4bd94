// What a compiled variant reports to the host through xqa_describe: the ABI version, this struct's
// size, then the geometry and per-target flags the host checks before any launch. The host mirrors
// it field by field, by name (Java: org.sparkxqa.core.gpu.kernel.KernelDescription; Python:
// xqa_abi.py parses this declaration), and tests compile that mirror against this header. Only
// int fields, one per line, so the struct has no padding.
#pragma once
#include "xqa_abi.cuh"
#include "xqa_pdl.cuh"
#include "xqa_tma.cuh"

struct XqaDescribe {
  int abi_version;           // XQA_ABI_VERSION; read first, then describe_bytes
  int describe_bytes;        // sizeof(XqaDescribe)
  int q_type;                // XQA_Q_TYPE
  int kv_type;               // XQA_KV_TYPE
  int head_dim;              // D
  int group;                 // G
  int threads;               // the most threads of a CTA
  int cta_rows;              // query rows per attention CTA
  int tile_keys;             // keys per shared-memory tile
  int max_stages;            // deepest pipeline the kernel takes
  int stage_bytes;           // shared memory of one K/V stage as it lands
  int row_bytes;             // a row of the 16-bit tiles (K, V, Q)
  int merge_rows;            // rows per merge CTA
  int request_bytes;         // sizeof(XqaRequest)
  int work_bytes;            // sizeof(XqaWork)
  int merge_item_bytes;      // sizeof(XqaMergeItem)
  int q_row_unit;            // shared Q rows are a multiple of this
  int barrier_bytes;         // mbarriers after the Q rows
  int tensor_maps;           // 1: K/V tiles load through the k/v tensor maps (sm_90a)
  int dependent_merge;       // 1: the merge waits on the device for the attention grid (sm_90+)
  int warpgroup_per_m_tile;  // 1: a launch's block is 128 threads per Q_ROW_UNIT shared Q rows
  int convert_bytes;         // fp8: the converted 16-bit tiles after the stages; else 0
};

// The numbers of this variant and target, at compile time (tests static_assert them).
__host__ __device__ constexpr XqaDescribe xqa_description() {
  using namespace xqa;
  return XqaDescribe{XQA_ABI_VERSION, (int)sizeof(XqaDescribe), XQA_Q_TYPE, XQA_KV_TYPE, D, G, THREADS, CTA_ROWS,
                     KT, MAX_STAGES, STAGE_BYTES, ROW_BYTES, MERGE_ROWS, (int)sizeof(XqaRequest),
                     (int)sizeof(XqaWork), (int)sizeof(XqaMergeItem), Q_ROW_UNIT, BARRIER_BYTES, XQA_TMA, XQA_PDL,
                     WG_PER_M_TILE, CONVERT_BYTES};
}
