// L2 cache policy of the K/V stream. Each K/V byte is read exactly once per launch, so its lines are
// marked evict-first: when L2 needs room they go before the partial outputs the merge reads back,
// the request tables and the queries. Measured on the H100 (kernels/notes/PERF.md, session 5):
// workload 2's attention kernel 55.1 -> 52.2 us. Both load paths (TMA boxes, cp.async) take it.
#pragma once
#include "xqa_types.cuh"

#ifndef XQA_KV_EVICT_FIRST
#define XQA_KV_EVICT_FIRST 1  // 0: experiments only (evict-normal)
#endif

__device__ __forceinline__ xqa_u64 xqa_kv_stream_policy() {
  xqa_u64 policy;
#if XQA_KV_EVICT_FIRST
  asm volatile("createpolicy.fractional.L2::evict_first.b64 %0, 1.0;\n" : "=l"(policy));
#else
  asm volatile("createpolicy.fractional.L2::evict_normal.b64 %0, 1.0;\n" : "=l"(policy));
#endif
  return policy;
}
