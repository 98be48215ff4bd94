#pragma once
// The value the test kernel writes, from the specialising macros: tests recompute it in Java.
#ifndef XQA_HEAD_DIM
#error "XQA_HEAD_DIM must be defined"
#endif

__device__ __forceinline__ float xqa_test_affine(float x) {
  return x * (float)XQA_HEAD_DIM + (float)XQA_GROUP + 0.5f * XQA_Q_TYPE + 0.25f * XQA_KV_TYPE;
}
