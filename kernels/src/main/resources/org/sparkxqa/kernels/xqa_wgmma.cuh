// Hopper warpgroup MMA (sm_90a only): wgmma.mma_async m64n64k16 with fp32 accumulation, A from
// shared memory (Q) or from registers (P), B from shared memory (K, or V read N-major), and the
// shared-memory matrix descriptors for the 128-byte swizzled slabs of xqa_kv.cuh.
// A descriptor names the first 16-byte chunk an instruction reads; rows are 128 bytes apart and
// 8-row groups 1024 bytes apart (SBO); LBO only matters for N-major B (next 64 columns).
#pragma once
#include "xqa_abi.cuh"

// Requests with at least this many rows (Lq * G) take the wgmma path; 1: all of them, and the
// mma.sync path is not compiled (experiments may raise it).
#ifndef XQA_WG_MIN_ROWS
#define XQA_WG_MIN_ROWS 1
#endif
#define XQA_WG_ONLY (XQA_WGMMA && XQA_WG_MIN_ROWS <= 1)

#if XQA_WGMMA

__device__ __forceinline__ xqa_u64 xqa_wg_desc(xqa_u32 smem_addr, xqa_u32 lbo_bytes) {
  return (xqa_u64)((smem_addr & 0x3FFFFu) >> 4) | ((xqa_u64)(lbo_bytes >> 4) << 16) | ((xqa_u64)(1024 >> 4) << 32) |
         (1ull << 62);  // 128-byte swizzle
}

// Orders this thread's generic-proxy shared-memory writes (cp.async, st.shared) before later
// wgmma reads of them; each thread runs it before the barrier that publishes the data.
__device__ __forceinline__ void xqa_fence_async_smem() { asm volatile("fence.proxy.async.shared::cta;\n" ::: "memory"); }

// Makes register writes (accumulators, A fragments) visible to the next wgmma of the warpgroup.
__device__ __forceinline__ void xqa_wg_fence() { asm volatile("wgmma.fence.sync.aligned;\n" ::: "memory"); }

__device__ __forceinline__ void xqa_wg_commit() { asm volatile("wgmma.commit_group.sync.aligned;\n" ::: "memory"); }

// Waits until at most N of this warpgroup's committed wgmma groups are still in flight.
template <int N>
__device__ __forceinline__ void xqa_wg_wait() {
  asm volatile("wgmma.wait_group.sync.aligned %0;\n" ::"n"(N) : "memory");
}

#define XQA_WG_D32                                                                                                   \
  "{%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, " \
  "%24, %25, %26, %27, %28, %29, %30, %31}"
#define XQA_WG_OUT4(d, n) "+f"(d[n][0]), "+f"(d[n][1]), "+f"(d[n][2]), "+f"(d[n][3])
#define XQA_WG_OUT32(d)                                                                                    \
  XQA_WG_OUT4(d, 0), XQA_WG_OUT4(d, 1), XQA_WG_OUT4(d, 2), XQA_WG_OUT4(d, 3), XQA_WG_OUT4(d, 4), XQA_WG_OUT4(d, 5), \
      XQA_WG_OUT4(d, 6), XQA_WG_OUT4(d, 7)

// d[8][4] (+)= A(64x16, smem, K-major) * B(16x64, smem, K-major); T: 0 fp16, 1 bf16 inputs.
template <int T>
__device__ __forceinline__ void xqa_wgmma_ss(float (&d)[8][4], xqa_u64 a, xqa_u64 b) {
  if (T == 1) {
    asm volatile("wgmma.mma_async.sync.aligned.m64n64k16.f32.bf16.bf16 " XQA_WG_D32 ", %32, %33, 1, 1, 1, 0, 0;\n"
                 : XQA_WG_OUT32(d)
                 : "l"(a), "l"(b));
  } else {
    asm volatile("wgmma.mma_async.sync.aligned.m64n64k16.f32.f16.f16 " XQA_WG_D32 ", %32, %33, 1, 1, 1, 0, 0;\n"
                 : XQA_WG_OUT32(d)
                 : "l"(a), "l"(b));
  }
}

// d[8][4] += A(64x16, registers: the mma.sync m16n8k16 A fragment of this warp's 16 rows)
//          * B(16x64, smem, N-major: 16 keys of V, 64 head dims).
template <int T>
__device__ __forceinline__ void xqa_wgmma_rs(float (&d)[8][4], const xqa_u32 (&a)[4], xqa_u64 b) {
  if (T == 1) {
    asm volatile("wgmma.mma_async.sync.aligned.m64n64k16.f32.bf16.bf16 " XQA_WG_D32
                 ", {%32, %33, %34, %35}, %36, 1, 1, 1, 1;\n"
                 : XQA_WG_OUT32(d)
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(b));
  } else {
    asm volatile("wgmma.mma_async.sync.aligned.m64n64k16.f32.f16.f16 " XQA_WG_D32
                 ", {%32, %33, %34, %35}, %36, 1, 1, 1, 1;\n"
                 : XQA_WG_OUT32(d)
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(b));
  }
}

#endif  // XQA_WGMMA
