// Test kernel: out[i] = affine(in[i]), staged through the FAR end of the dynamic shared memory
// (smemBytes bytes), so a launch with more than 48 KiB works only if the opt-in was made.
#include "test_affine.cuh"

extern "C" __global__ void xqa_test_affine_kernel(const float* __restrict__ in, float* __restrict__ out, int n,
                                                   int smemBytes) {
  extern __shared__ float stage[];
  const int slot = smemBytes / (int)sizeof(float) - 1 - (int)threadIdx.x;
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  stage[slot] = i < n ? in[i] : 0.0f;
  __syncthreads();
  if (i < n) {
    out[i] = xqa_test_affine(stage[slot]);
  }
}
