// Programmatic dependent launch (sm_90+): the merge kernel may be launched while the attention
// kernel still runs (the host sets CU_LAUNCH_ATTRIBUTE_PROGRAMMATIC_STREAM_SERIALIZATION on the merge
// launch when XQA_PDL is 1), so its CTAs are resident and waiting when the last attention CTA ends,
// instead of paying a launch after it. Without that attribute both calls do nothing.
#pragma once

#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
#define XQA_PDL 1
#else
#define XQA_PDL 0
#endif

// Attention: lets the dependent (merge) grid be scheduled; its reads still wait for this grid's end.
__device__ __forceinline__ void xqa_allow_dependent_launch() {
#if XQA_PDL
  asm volatile("griddepcontrol.launch_dependents;\n" ::: "memory");
#endif
}

// Merge: waits until the primary (attention) grid has finished and its memory writes are visible.
__device__ __forceinline__ void xqa_wait_for_primary() {
#if XQA_PDL
  asm volatile("griddepcontrol.wait;\n" ::: "memory");
#endif
}
