// Tensor-core and copy primitives through inline PTX (sm_80+): mma.sync m16n8k16 with fp32
// accumulation, ldmatrix (plain and transposed), cp.async 16-byte copies with zero fill.
#pragma once
#include "xqa_types.cuh"

// D += A(16x16, row) * B(16x8, col); a: 4 regs, b: 2 regs, d: 4 fp32. T: 0 fp16, 1 bf16 inputs.
template <int T>
__device__ __forceinline__ void xqa_mma16816(float (&d)[4], const xqa_u32 (&a)[4], xqa_u32 b0, xqa_u32 b1) {
  if (T == 1) {
    asm volatile(
        "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
        "{%0,%1,%2,%3};\n"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
  } else {
    asm volatile(
        "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
        "{%0,%1,%2,%3};\n"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
  }
}

__device__ __forceinline__ xqa_u32 xqa_smem_addr(const void* p) {
  return (xqa_u32)__cvta_generic_to_shared(p);
}

// Four 8x8 16-bit matrices; lane l supplies the row address of matrix l/8, row l%8.
__device__ __forceinline__ void xqa_ldmatrix_x4(xqa_u32 (&r)[4], xqa_u32 addr) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0,%1,%2,%3}, [%4];\n"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "r"(addr));
}

__device__ __forceinline__ void xqa_ldmatrix_x4_trans(xqa_u32 (&r)[4], xqa_u32 addr) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0,%1,%2,%3}, [%4];\n"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "r"(addr));
}

// 16 bytes global -> shared, bypassing L1; copies src_bytes (0 or 16) and zero-fills the rest.
__device__ __forceinline__ void xqa_cp_async16(xqa_u32 dst, const void* src, int src_bytes, xqa_u64 l2_policy) {
  asm volatile("cp.async.cg.shared.global.L2::cache_hint [%0], [%1], 16, %2, %3;\n" ::"r"(dst), "l"(src),
               "r"(src_bytes), "l"(l2_policy));
}

__device__ __forceinline__ void xqa_st_shared16(xqa_u32 dst, xqa_u32x4 v) {
  asm volatile("st.shared.v4.b32 [%0], {%1, %2, %3, %4};\n" ::"r"(dst), "r"(v.x), "r"(v.y), "r"(v.z), "r"(v.w) : "memory");
}

__device__ __forceinline__ void xqa_cp_async_commit() { asm volatile("cp.async.commit_group;\n" ::); }

// Waits until at most N committed groups of this thread are still in flight.
template <int N>
__device__ __forceinline__ void xqa_cp_async_wait() {
  asm volatile("cp.async.wait_group %0;\n" ::"n"(N));
}

__device__ __forceinline__ float xqa_shfl_xor(float v, int lane_mask) {
  return __shfl_xor_sync(0xffffffffu, v, lane_mask);
}
