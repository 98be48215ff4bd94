// Element types and conversions, without toolkit headers (NVRTC compiles this with no -I).
// XQA_Q_TYPE: 0 = fp16, 1 = bf16; XQA_KV_TYPE also 2 = e4m3, 3 = e5m2 (fp8, one byte per element,
// xqa_fp8.cuh). 16-bit values travel as raw patterns (unsigned short) and as pairs packed in 32-bit
// registers (low half = lower index), the layout mma.sync expects. The MMA operand type is the K/V
// type for 16-bit K/V and the q type for fp8 K/V: every fp8 value is exactly an fp16 and a bf16 value.
#pragma once

#ifndef XQA_Q_TYPE
#error "XQA_Q_TYPE must be defined (0 fp16, 1 bf16)"
#endif
#ifndef XQA_KV_TYPE
#error "XQA_KV_TYPE must be defined (0 fp16, 1 bf16, 2 e4m3, 3 e5m2)"
#endif

#define XQA_E4M3 2
#define XQA_E5M2 3
#define XQA_IS_FP8(T) ((T) == XQA_E4M3 || (T) == XQA_E5M2)
#define XQA_KV_FP8 XQA_IS_FP8(XQA_KV_TYPE)
#define XQA_MMA_TYPE (XQA_KV_FP8 ? XQA_Q_TYPE : XQA_KV_TYPE)
#define XQA_KV_BYTES (XQA_KV_FP8 ? 1 : 2)

typedef unsigned short xqa_u16;
typedef unsigned int xqa_u32;
typedef unsigned long long xqa_u64;

#if XQA_KV_FP8
typedef unsigned char xqa_kv_t;  // one K/V element in global memory
#else
typedef xqa_u16 xqa_kv_t;
#endif

struct __align__(16) xqa_u32x4 { xqa_u32 x, y, z, w; };

__device__ __forceinline__ float xqa_bits_to_float(xqa_u32 b) {
  float f;
  asm("mov.b32 %0, %1;" : "=f"(f) : "r"(b));
  return f;
}

// One 16-bit value of type T (0 fp16, 1 bf16) to fp32; exact.
template <int T>
__device__ __forceinline__ float xqa_to_float(xqa_u16 h) {
  if (T == 1) {
    return xqa_bits_to_float(((xqa_u32)h) << 16);
  } else {
    float f;
    asm("{ .reg .b16 t; mov.b16 t, %1; cvt.f32.f16 %0, t; }" : "=f"(f) : "h"(h));
    return f;
  }
}

// Two fp32 to a packed pair of type T, round to nearest even; lo goes to the low 16 bits.
template <int T>
__device__ __forceinline__ xqa_u32 xqa_pack2(float lo, float hi) {
  xqa_u32 r;
  if (T == 1) {
    asm("cvt.rn.bf16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));
  } else {
    asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));
  }
  return r;
}

// A packed pair of type S re-encoded as type T (identity when S == T).
template <int S, int T>
__device__ __forceinline__ xqa_u32 xqa_convert2(xqa_u32 p) {
  if (S == T) {
    return p;
  } else {
    return xqa_pack2<T>(xqa_to_float<S>((xqa_u16)(p & 0xFFFFu)), xqa_to_float<S>((xqa_u16)(p >> 16)));
  }
}

__device__ __forceinline__ float xqa_exp2(float x) {  // 2^x; ex2(-inf) = +0
  float y;
  asm("ex2.approx.ftz.f32 %0, %1;" : "=f"(y) : "f"(x));
  return y;
}

__device__ __forceinline__ float xqa_fma(float a, float b, float c) {  // a * b + c, one rounding
  float d;
  asm("fma.rn.f32 %0, %1, %2, %3;" : "=f"(d) : "f"(a), "f"(b), "f"(c));
  return d;
}

__device__ __forceinline__ float xqa_neg_inf() { return xqa_bits_to_float(0xff800000u); }

// The finite initial running max: rows start here, so a row that has seen nothing visible computes
// exp2(-inf - (-1e30)) = 0 and never (-inf) - (-inf) = NaN.
#define XQA_INIT_MAX (-1.0e30f)
