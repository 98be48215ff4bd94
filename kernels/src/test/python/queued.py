"""Queued timing like KernelBench, for A/B runs of two source trees in one device call. A spin kernel
holds the GPU while every timed launch is enqueued, so launches run back to back; each has its own
event pair. Prints one line of medians (attention + merge, attention alone, % of the 1 GiB copy floor).
  TAG=new python3 queued.py [4,5]     # workload indexes, default all six; XQA_SRC picks the sources"""
import os, sys, statistics
import numpy as np
import torch
import cupy as cp
from bench import D, WORKLOADS, workload_inputs

SPIN = cp.RawKernel(r'''extern "C" __global__ void spin(long long cycles) {
  long long t0 = clock64(); while (clock64() - t0 < cycles) {} }''', "spin")


def queued_us(fn, n=300, warm=50):
    """Median µs of n launches of fn, all enqueued while the GPU is held by a spin kernel."""
    for _ in range(warm):
        fn()
    torch.cuda.synchronize()
    events = [(torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)) for _ in range(n)]
    SPIN((1,), (1,), (np.int64(200_000_000),))  # ~100 ms at 1.7-2 GHz: longer than enqueuing n launches
    for a, b in events:
        a.record()
        fn()
        b.record()
    torch.cuda.synchronize()
    return statistics.median(a.elapsed_time(b) for a, b in events) * 1e3


def main():
    only = [int(x) for x in sys.argv[1].split(",")] if len(sys.argv) > 1 else range(len(WORKLOADS))
    x = torch.empty(1 << 30, dtype=torch.uint8, device="cuda")
    y = torch.empty_like(x)
    copy_rate = 2 * x.numel() / (queued_us(lambda: y.copy_(x), n=20, warm=3) * 1e-6)  # read + write
    rng = np.random.default_rng(7)
    out = []
    for n in only:
        bsz, hq, hkv, lq, lk = WORKLOADS[n]
        _, _, _, launch, args = workload_inputs(WORKLOADS[n], rng)
        full = queued_us(lambda: launch.run(*args))
        attention = queued_us(lambda: launch.attention(*args))
        kv_bytes = 2 * bsz * lk * hkv * D * 2
        out.append("W%d full %.1f attn %.1f us  %.1f%% of floor" % (n + 1, full, attention,
                                                                  100 * kv_bytes / copy_rate * 1e6 / full))
    print(os.environ.get("TAG", ""), "copy %.0f GB/s |" % (copy_rate / 1e9), " | ".join(out), flush=True)


if __name__ == "__main__":
    main()
