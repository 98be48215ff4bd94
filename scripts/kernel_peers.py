"""Peers for `xqa bench kernel`: runs torch SDPA (boolean mask, enable_gqa=True) and FlexAttention
(block mask, torch.compile) on the exact inputs KernelBench dumped (--dump-inputs DIR), measures the
bf16 matmul rate for the compute floor, and prints one markdown table with KernelBench's times.
Run it in the same device session as KernelBench:  python3 scripts/kernel_peers.py DIR [--out FILE.md]
Adapted from kernels/src/test/python/bench.py (median of CUDA-event timings after warmup)."""
import json, os, statistics, sys
import numpy as np
import torch


def median_ms(fn, warmup=3, reps=20):
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


def matmul_rate():
    n = 8192
    a = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
    b = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
    return 2 * n ** 3 / (median_ms(lambda: a @ b, reps=10) * 1e-3)


def torch_copy_rate():
    x = torch.empty(1 << 30, dtype=torch.uint8, device="cuda").random_(0, 255)
    y = torch.empty_like(x)
    return 2 * x.numel() / (median_ms(lambda: y.copy_(x)) * 1e-3)


def load(path, shape):
    raw = np.fromfile(path, dtype=np.int16)
    return torch.from_numpy(raw).cuda().view(torch.bfloat16).view(*shape)


def run(root, w):
    d = os.path.join(root, w["dir"])
    bsz, hq, hkv, lq, lk, dim = w["B"], w["Hq"], w["Hkv"], w["Lq"], w["Lk"], w["D"]
    q = load(os.path.join(d, "q.bin"), (bsz, lq, hq, dim)).transpose(1, 2)
    k = load(os.path.join(d, "k.bin"), (bsz, lk, hkv, dim)).transpose(1, 2)
    v = load(os.path.join(d, "v.bin"), (bsz, lk, hkv, dim)).transpose(1, 2)
    ours = load(os.path.join(d, "out.bin"), (bsz, lq, hq, dim)).transpose(1, 2).float()
    rows = torch.from_numpy(np.fromfile(os.path.join(d, "masks.bin"), dtype=np.int64)).cuda().view(bsz, lq)
    t = torch.arange(lq, device="cuda")
    drafts = ((rows[:, :, None] >> t) & 1).bool()                        # [B, Lq, Lq]
    prefix = lk - lq
    mask = torch.cat([torch.ones(bsz, lq, prefix, dtype=torch.bool, device="cuda"), drafts], 2)[:, None]
    scale = float(w["scale"])
    res = {}
    sdpa = lambda: torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask, scale=scale,
                                                                    enable_gqa=True)
    ref = None
    try:
        ref = sdpa().float()
        res["sdpa_ms"] = median_ms(sdpa, reps=10)
        res["err_vs_sdpa"] = ((ours - ref).norm() / ref.norm()).item()
    except Exception as e:
        res["sdpa_err"] = str(e).splitlines()[0][:60]
    try:
        from torch.nn.attention.flex_attention import flex_attention, create_block_mask

        def mask_mod(b, h, qi, kj):
            tj = (kj - prefix).clamp(0, lq - 1)
            return (kj < prefix) | (((rows[b, qi] >> tj) & 1) == 1)

        bm = create_block_mask(mask_mod, bsz, None, lq, lk, device="cuda")
        flex = torch.compile(flex_attention)
        fx = lambda: flex(q, k, v, block_mask=bm, scale=scale, enable_gqa=True)
        fo = fx().float()
        res["flex_ms"] = median_ms(fx, reps=10)
        if ref is not None:
            res["flex_err_vs_sdpa"] = ((fo - ref).norm() / ref.norm()).item()
    except Exception as e:
        res["flex_err"] = str(e).splitlines()[0][:60]
    return res


def fmt_us(ms):
    return "%.1f" % (ms * 1e3) if isinstance(ms, float) else "-"


def main():
    root = sys.argv[1]
    out_md = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else None
    man = json.load(open(os.path.join(root, "manifest.json")))
    copy = man["copy_bytes_per_s"]
    mm = matmul_rate()
    tc = torch_copy_rate()
    head = ("device: %s  \nD2D copy (cuMemcpyDtoD, KernelBench): %.0f GB/s read+write; torch copy_: %.0f GB/s; "
            "bf16 matmul (torch, 8192^3): %.0f TFLOP/s  \nfloor = max(KV bytes / copy rate, 4*B*Hq*Lq*Lk*D / "
            "matmul rate)\n") % (man["device"], copy / 1e9, tc / 1e9, mm / 1e12)
    lines = ["| workload | KV MB | our µs | KV GB/s | floor µs | % of floor | SDPA µs | Flex µs | SDPA / ours "
             "| Flex / ours | err vs SDPA |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for w in man["workloads"]:
        r = run(root, w)
        print(w["id"], r, flush=True)
        ours = w["our_ms"]
        flops = 4.0 * w["B"] * w["Hq"] * w["Lq"] * w["Lk"] * w["D"]
        floor = max(w["kv_bytes"] / copy, flops / mm) * 1e3
        label = "B=%d Hq/Hkv=%d/%d Lq=%d Lk=%d" % (w["B"], w["Hq"], w["Hkv"], w["Lq"], w["Lk"])
        ratio = lambda key: "%.2fx" % (r[key] / ours) if key in r else r.get(key.replace("_ms", "_err"), "-")
        lines.append("| %s | %.0f | %s | %.0f | %s | %.0f%% | %s | %s | %s | %s | %s |" % (
            label, w["kv_bytes"] / 1e6, fmt_us(ours), w["kv_bytes"] / (ours * 1e-3) / 1e9, fmt_us(floor),
            100 * floor / ours, fmt_us(r.get("sdpa_ms")), fmt_us(r.get("flex_ms")), ratio("sdpa_ms"),
            ratio("flex_ms"), "%.1e" % r["err_vs_sdpa"] if "err_vs_sdpa" in r else "-"))
    jit = ["| variant | cold NVRTC compile ms | disk-cache load ms | CUBIN KB |", "|---|---|---|---|"]
    for j in man["jit"]:
        jit.append("| %s | %.0f | %.2f | %.0f |" % (j["variant"], j["compile_ms"], j["disk_load_ms"],
                                                   j["cubin_bytes"] / 1024))
    text = head + "\n" + "\n".join(jit) + "\n\n" + "\n".join(lines) + "\n"
    print("\n" + text)
    if out_md:
        open(out_md, "w").write(text)


if __name__ == "__main__":
    main()
