"""Timing helpers shared by bench.py and scripts/kernel_peers.py (which puts this folder on its
path): median of CUDA-event timings after warmup, and the floors measured in the same run."""
import statistics
import torch


def median_ms(fn, warmup=3, reps=20):
    """Median ms of reps calls of fn, each between its own pair of CUDA events, after warmup calls."""
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(reps):
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record()
        fn()
        b.record()
        b.synchronize()
        times.append(a.elapsed_time(b))
    return statistics.median(times)


def copy_rate():
    """Bytes read + written per second by torch's copy_ of 1 GiB on the device."""
    x = torch.empty(1 << 30, dtype=torch.uint8, device="cuda").random_(0, 255)
    y = torch.empty_like(x)
    return 2 * x.numel() / (median_ms(lambda: y.copy_(x)) * 1e-3)


def matmul_rate():
    """bf16 flop/s of an 8192^3 torch matmul (the compute floor)."""
    n = 8192
    a = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
    b = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
    return 2 * n ** 3 / (median_ms(lambda: a @ b, reps=10) * 1e-3)
