// Test kernel for xqa_fp8.cuh: decodes all 256 fp8 codes of type XQA_KV_TYPE (2 e4m3, 3 e5m2), to fp32
// (as_float) and through the 16-byte chunk path to the q type XQA_Q_TYPE (0 fp16, 1 bf16) (as_16).
// One thread per 16 codes: thread t decodes codes 16t .. 16t+15.
#include "xqa_fp8.cuh"

extern "C" __global__ void xqa_fp8_decode_test(float* __restrict__ as_float, xqa_u16* __restrict__ as_16) {
  const int t = threadIdx.x;
  if (t >= 16) {
    return;
  }
  xqa_u32 w[4];
  for (int i = 0; i < 4; ++i) {
    const xqa_u32 c = 16 * t + 4 * i;
    w[i] = c | (c + 1) << 8 | (c + 2) << 16 | (c + 3) << 24;
  }
  const xqa_u32x4 in = {w[0], w[1], w[2], w[3]};
  xqa_u32x4 out0, out1;
  xqa_fp8x16_to_chunks<XQA_KV_TYPE, XQA_Q_TYPE>(in, out0, out1);
  const xqa_u32 pairs[8] = {out0.x, out0.y, out0.z, out0.w, out1.x, out1.y, out1.z, out1.w};
  for (int i = 0; i < 8; ++i) {
    as_16[16 * t + 2 * i] = (xqa_u16)(pairs[i] & 0xFFFFu);
    as_16[16 * t + 2 * i + 1] = (xqa_u16)(pairs[i] >> 16);
  }
  for (int i = 0; i < 16; ++i) {
    as_float[16 * t + i] = xqa_fp8_to_float<XQA_KV_TYPE>(16 * t + i);
  }
}
