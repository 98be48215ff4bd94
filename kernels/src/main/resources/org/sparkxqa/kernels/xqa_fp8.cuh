// fp8 K/V elements (OCP 8-bit Floating Point Specification v1.0) decoded to fp32 and to the 16-bit
// MMA operand types. XQA_KV_TYPE 2 = e4m3, 3 = e5m2 (ElementType ordinals; 0 fp16, 1 bf16).
// Every e4m3 and e5m2 value is exactly an fp16 and a bf16 value, so decoding to the MMA type is exact:
// the K/V scales are applied to the fp32 scores and output, never to the fp8 codes.
//   e4m3: bias 7, subnormals m * 2^-9, max 448, no infinities, NaN only S.1111.111.
//   e5m2: the top byte of an fp16 (bias 15): infinities and NaNs as IEEE 754.
// Tile conversion (xqa_fp8x16_to_chunks) takes the short paths: e5m2 to fp16 is a byte move; e4m3 to
// fp16 is cvt.rn.f16x2.e4m3x2 on sm_89 and newer; bf16 goes through the exact fp16 value. sm_80 decodes
// e4m3 through fp32 (xqa_fp8_to_float). Every path gives the same values (Fp8DecodeGpuTest).
#pragma once
#include "xqa_types.cuh"

// One fp8 code (the low 8 bits of b) of type K to fp32; exact.
template <int K>
__device__ __forceinline__ float xqa_fp8_to_float(xqa_u32 b) {
  static_assert(XQA_IS_FP8(K), "xqa_fp8_to_float is for e4m3 (2) and e5m2 (3)");
  if (K == XQA_E5M2) {
    return xqa_to_float<0>((xqa_u16)((b & 0xFFu) << 8));
  } else {
    const xqa_u32 sign = (b & 0x80u) << 24, mag = b & 0x7Fu;
    if (mag == 0x7Fu) {
      return xqa_bits_to_float(sign | 0x7FC00000u);
    }
    // exponent field e and mantissa m land in the low exponent and top mantissa bits of an fp32:
    // 2^(e-127) (1 + m/8) (or m * 2^-129 when e = 0), times 2^120 gives e4m3's 2^(e-7) (1 + m/8).
    return xqa_bits_to_float(sign | (mag << 20)) * xqa_bits_to_float(0x7B800000u);
  }
}

// Codes 0 and 1 (sel 0x1404) or 2 and 3 (sel 0x3424) of `codes`, each as the top byte of a 16-bit half.
__device__ __forceinline__ xqa_u32 xqa_fp8_bytes_high(xqa_u32 codes, xqa_u32 sel) {
  xqa_u32 r;
  asm("prmt.b32 %0, %1, 0, %2;" : "=r"(r) : "r"(codes), "r"(sel));
  return r;
}

// Two fp8 codes of type K (bytes 0, 1 of `pair`) as a packed fp16 pair, exact (sm_89+ for e4m3).
template <int K>
__device__ __forceinline__ xqa_u32 xqa_fp8x2_to_f16x2(xqa_u32 pair) {
  if (K == XQA_E5M2) {
    return xqa_fp8_bytes_high(pair, 0x1404u);  // an e5m2 code is the top byte of its fp16 value
  } else {
    xqa_u32 r;
    asm("cvt.rn.f16x2.e4m3x2 %0, %1;" : "=r"(r) : "h"((xqa_u16)pair));
    return r;
  }
}

// Four fp8 codes of type K (byte i of `codes` is element i) as two packed pairs of type T (0 fp16,
// 1 bf16): lo holds elements 0, 1 and hi elements 2, 3, low half first, as mma.sync operands expect.
template <int K, int T>
__device__ __forceinline__ void xqa_fp8x4_to_pairs(xqa_u32 codes, xqa_u32& lo, xqa_u32& hi) {
#if __CUDA_ARCH__ >= 890
  constexpr bool fast = true;
#else
  constexpr bool fast = K == XQA_E5M2;
#endif
  if constexpr (fast) {
    const xqa_u32 a = xqa_fp8x2_to_f16x2<K>(codes), b = xqa_fp8x2_to_f16x2<K>(codes >> 16);
    lo = xqa_convert2<0, T>(a);
    hi = xqa_convert2<0, T>(b);
  } else {
    lo = xqa_pack2<T>(xqa_fp8_to_float<K>(codes), xqa_fp8_to_float<K>(codes >> 8));
    hi = xqa_pack2<T>(xqa_fp8_to_float<K>(codes >> 16), xqa_fp8_to_float<K>(codes >> 24));
  }
}

// Sixteen fp8 codes (one 16-byte chunk) as two 16-byte chunks of type T: out0 holds elements 0-7,
// out1 elements 8-15. The shape of a K/V tile copy: one fp8 chunk in, two MMA-type chunks out.
template <int K, int T>
__device__ __forceinline__ void xqa_fp8x16_to_chunks(const xqa_u32x4& in, xqa_u32x4& out0, xqa_u32x4& out1) {
  xqa_fp8x4_to_pairs<K, T>(in.x, out0.x, out0.y);
  xqa_fp8x4_to_pairs<K, T>(in.y, out0.z, out0.w);
  xqa_fp8x4_to_pairs<K, T>(in.z, out1.x, out1.y);
  xqa_fp8x4_to_pairs<K, T>(in.w, out1.z, out1.w);
}
