"""Unit check of the kernel's visibility words (xqa_mask.cuh visible_bits) against the reference
visibility of xqa_data: every query row, every key offset k0 (aligned or not), CTA key limits and
windows, for chains, trees and packed masks. Device-side helper for harness.py."""
import numpy as np
import cupy as cp
from xqa_cupy import SRC
from xqa_data import visibility

KERNEL = r'''
#include "xqa_mask.cuh"
extern "C" __global__ void mask_bits(const xqa_u64* drafts, int lq, int lk, int key_end, int window, int k0s,
                                     xqa_u64* out) {
  const int i = blockIdx.x, k0 = threadIdx.x + blockIdx.y * blockDim.x;
  if (k0 >= k0s) return;
  out[(long long)i * k0s + k0] = xqa::visible_bits(drafts[i], i, k0, lk - lq, key_end, window);
}
'''
_fn = []


def _kernel():
    if not _fn:
        opts = ("-arch=sm_80", "-std=c++17", "-I" + SRC, "-DXQA_Q_TYPE=1", "-DXQA_KV_TYPE=1", "-DXQA_HEAD_DIM=128",
                "-DXQA_GROUP=1")
        _fn.append(cp.RawModule(code=KERNEL, options=opts, backend="nvrtc").get_function("mask_bits"))
    return _fn[0]


def mismatches(lq, lk, bits, key_end, window):
    """(row, k0, got, want) of every visibility word that differs from the reference."""
    vis = visibility(lq, lk, bits, window, dev="cpu").numpy()
    vis[:, key_end:] = False
    padded = np.concatenate([vis, np.zeros((lq, 64), bool)], 1)
    k0s = lk
    out = cp.zeros(lq * k0s, cp.uint64)
    drafts = cp.asarray(np.array([b & 0xFFFFFFFFFFFFFFFF for b in bits], np.uint64))
    _kernel()((lq, (k0s + 255) // 256), (256,), (drafts, np.int32(lq), np.int32(lk), np.int32(key_end),
                                                  np.int32(window), np.int32(k0s), out))
    got = out.get().reshape(lq, k0s)
    weights = np.uint64(1) << np.arange(64, dtype=np.uint64)
    bad = []
    for i in range(lq):
        for k0 in range(k0s):
            want = np.bitwise_or.reduce(np.where(padded[i, k0:k0 + 64], weights, np.uint64(0)))
            if got[i, k0] != want:
                bad.append((i, k0, int(got[i, k0]), int(want)))
    return bad
