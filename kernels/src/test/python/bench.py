"""Kernel benchmark on the device: the spec-dec kernel (cupy) against torch SDPA (boolean mask,
enable_gqa) and FlexAttention (block mask, torch.compile) on identical inputs; bf16, D=128, random
trees. Floors measured in the same run: D2D copy rate and bf16 matmul rate.
Usage: python3 bench.py [--no-peers] [--only N,...]. Prints a markdown table last."""
import os, sys
import numpy as np
import torch
import cupy as cp
from xqa_plan import plan as make_plan
from xqa_cupy import Launch
from xqa_data import random_tree
from xqa_timing import copy_rate, matmul_rate, median_ms

# (B, Hq, Hkv, Lq, Lk)
WORKLOADS = [(32, 32, 8, 8, 4096), (1, 64, 8, 8, 32768), (128, 32, 8, 4, 1024), (64, 16, 16, 4, 2048),
             (16, 64, 8, 16, 8192), (8, 32, 8, 64, 16384)]
D = 128


def dense_mask(rows_list, lq, lk):
    p = lk - lq
    m = torch.ones(len(rows_list), lq, lk, dtype=torch.bool)
    for b, rows in enumerate(rows_list):
        for i in range(lq):
            m[b, i, p:] = torch.tensor([(rows[i] >> t) & 1 == 1 for t in range(lq)])
    return m.cuda()


def workload_inputs(wl, rng):
    """One workload's random trees, bf16 q/k/v/out on the device, and our launch over them: (trees,
    torch tensors, plan, launch, the cupy views launch.run takes)."""
    bsz, hq, hkv, lq, lk = wl
    rows_list = [random_tree(rng, lq) for _ in range(bsz)]
    q = torch.randn(bsz * lq, hq, D, device="cuda", dtype=torch.bfloat16)
    k = torch.randn(bsz * lk, hkv, D, device="cuda", dtype=torch.bfloat16)
    v = torch.randn(bsz * lk, hkv, D, device="cuda", dtype=torch.bfloat16)
    out = torch.empty_like(q)
    plan = make_plan([(lq, lk, r) for r in rows_list], hq, hkv, D, 0)
    launch = Launch(plan)
    args = [cp.asarray(t.view(torch.int16)) for t in (q, k, v, out)]
    return rows_list, (q, k, v, out), plan, launch, args


def run_workload(wl, peers, rng):
    bsz, hq, hkv, lq, lk = wl
    rows_list, (q, k, v, out), plan, launch, args = workload_inputs(wl, rng)
    attn_only = lambda: launch.attention(*args)
    res = {"xqa": median_ms(lambda: launch.run(*args)), "attn_only": median_ms(attn_only),
           "splits": int(plan.req["num_splits"][0]), "stages": plan.stages,
           "ctas": len(plan.work) * hkv}
    if peers:
        qd = q.view(bsz, lq, hq, D).transpose(1, 2)
        kd = k.view(bsz, lk, hkv, D).transpose(1, 2)
        vd = v.view(bsz, lk, hkv, D).transpose(1, 2)
        mask = dense_mask(rows_list, lq, lk)
        ref = None
        try:
            sdpa = lambda: torch.nn.functional.scaled_dot_product_attention(qd, kd, vd, attn_mask=mask[:, None],
                                                                            enable_gqa=True)
            ref = sdpa()
            res["sdpa"] = median_ms(sdpa, reps=10)
        except Exception as e:
            res["sdpa"] = "err: %s" % str(e).splitlines()[0][:40]
        try:
            from torch.nn.attention.flex_attention import flex_attention, create_block_mask
            bits = torch.tensor([[r & 0x7FFFFFFFFFFFFFFF for r in rows] for rows in rows_list], device="cuda")
            top = torch.tensor([[(r >> 63) & 1 for r in rows] for rows in rows_list], device="cuda")
            pre = lk - lq

            def mask_mod(b, h, qi, kj):
                t = (kj - pre).clamp(0, 63)
                bit = torch.where(t == 63, top[b, qi], (bits[b, qi] >> t) & 1)
                return (kj < pre) | (bit == 1)

            bm = create_block_mask(mask_mod, bsz, None, lq, lk, device="cuda")
            flex = torch.compile(flex_attention)
            fx = lambda: flex(qd, kd, vd, block_mask=bm, enable_gqa=True)
            fo = fx()
            res["flex"] = median_ms(fx, reps=10)
            if ref is not None:
                res["flex_err"] = ((fo.float() - ref.float()).norm() / ref.float().norm()).item()
        except Exception as e:
            res["flex"] = "err: %s" % str(e).splitlines()[0][:40]
        if ref is not None:
            mine = out.view(bsz, lq, hq, D).transpose(1, 2).float()
            res["err_vs_sdpa"] = ((mine - ref.float()).norm() / ref.float().norm()).item()
    return res


def fmt(x, kv_bytes):
    if isinstance(x, str):
        return x
    return "%.1f µs (%.0f GB/s)" % (x * 1e3, kv_bytes / (x * 1e-3) / 1e9)


def main():
    peers = "--no-peers" not in sys.argv
    only = None
    for a in sys.argv[1:]:
        if a.startswith("--only="):
            only = [int(x) for x in a[7:].split(",")]
    rng = np.random.default_rng(7)
    cr, mr = copy_rate(), matmul_rate()
    print("copy rate %.0f GB/s (read+write), bf16 matmul %.0f TFLOP/s" % (cr / 1e9, mr / 1e12), flush=True)
    lines = ["| B | Hq/Hkv | Lq | Lk | KV MB | floor µs | xqa | % of floor | SDPA | Flex | err vs SDPA |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for n, wl in enumerate(WORKLOADS):
        if only and n not in only:
            continue
        bsz, hq, hkv, lq, lk = wl
        kvb = 2 * bsz * lk * hkv * D * 2
        floor = max(kvb / cr, 4 * bsz * hq * lq * lk * D / mr)
        r = run_workload(wl, peers, rng)
        print(wl, r, flush=True)
        lines.append("| %d | %d/%d | %d | %d | %.0f | %.1f | %s | %.0f%% | %s | %s | %s |" % (
            bsz, hq, hkv, lq, lk, kvb / 1e6, floor * 1e6, fmt(r["xqa"], kvb), 100 * floor / (r["xqa"] * 1e-3),
            fmt(r.get("sdpa", "-"), kvb), fmt(r.get("flex", "-"), kvb),
            "%.1e" % r["err_vs_sdpa"] if "err_vs_sdpa" in r else "-"))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
