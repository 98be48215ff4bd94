"""Peers for `xqa bench kernel`: runs torch SDPA (boolean mask, enable_gqa=True) and FlexAttention
(block mask, torch.compile) on the exact inputs KernelBench dumped (--dump-inputs DIR), measures the
bf16 matmul rate for the compute floor, and prints one markdown table with KernelBench's times.
Run it in the same device session as KernelBench:  python3 scripts/kernel_peers.py DIR [--out FILE.md]
Timing helpers are shared with kernels/src/test/python/bench.py (xqa_timing.py).
fp8 workloads (kv_dtype e4m3/e5m2): torch has no SDPA that reads fp8 K/V, so the SDPA peer casts K/V to
bf16 (exact) and runs SDPA with scale * k_scale, times v_scale, timed together; FlexAttention is tried on
the fp8 K/V directly and, if torch refuses, on the same cast. The output says which peers ran."""
import json, os, sys
import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kernels", "src", "test", "python"))
from xqa_timing import copy_rate as torch_copy_rate, matmul_rate, median_ms  # noqa: E402


def load(path, shape):
    raw = np.fromfile(path, dtype=np.int16)
    return torch.from_numpy(raw).cuda().view(torch.bfloat16).view(*shape)


FP8 = {"e4m3": "float8_e4m3fn", "e5m2": "float8_e5m2"}


def load_kv(path, shape, kv_dtype):
    """k or v as stored: bf16, or fp8 codes viewed as torch's fp8 type (None when torch lacks it)."""
    if kv_dtype not in FP8:
        return load(path, shape)
    t = getattr(torch, FP8[kv_dtype], None)
    if t is None:
        return None
    raw = np.fromfile(path, dtype=np.uint8)
    return torch.from_numpy(raw).cuda().view(t).view(*shape)


def run(root, w):
    d = os.path.join(root, w["dir"])
    bsz, hq, hkv, lq, lk, dim = w["B"], w["Hq"], w["Hkv"], w["Lq"], w["Lk"], w["D"]
    kv_dtype = w.get("kv_dtype", "bf16")
    k_scale, v_scale = float(w.get("k_scale", 1.0)), float(w.get("v_scale", 1.0))
    q = load(os.path.join(d, "q.bin"), (bsz, lq, hq, dim)).transpose(1, 2)
    k = load_kv(os.path.join(d, "k.bin"), (bsz, lk, hkv, dim), kv_dtype)
    v = load_kv(os.path.join(d, "v.bin"), (bsz, lk, hkv, dim), kv_dtype)
    if k is None:
        return {"sdpa_err": "torch has no %s" % FP8[kv_dtype], "flex_err": "torch has no %s" % FP8[kv_dtype],
                "peers": "none (torch has no %s)" % FP8[kv_dtype]}
    k, v = k.transpose(1, 2), v.transpose(1, 2)
    fp8 = kv_dtype in FP8
    cast = (lambda x: x.to(torch.bfloat16)) if fp8 else (lambda x: x)  # exact: every fp8 value is a bf16 value
    post = (lambda o: o * v_scale) if v_scale != 1.0 else (lambda o: o)  # no extra kernel for bf16 workloads
    ours = load(os.path.join(d, "out.bin"), (bsz, lq, hq, dim)).transpose(1, 2).float()
    rows = torch.from_numpy(np.fromfile(os.path.join(d, "masks.bin"), dtype=np.int64)).cuda().view(bsz, lq)
    t = torch.arange(lq, device="cuda")
    drafts = ((rows[:, :, None] >> t) & 1).bool()                        # [B, Lq, Lq]
    prefix = lk - lq
    mask = torch.cat([torch.ones(bsz, lq, prefix, dtype=torch.bool, device="cuda"), drafts], 2)[:, None]
    scale = float(w["scale"])
    score_scale = float(np.float32(np.float32(scale) * np.float32(k_scale)))
    res = {"peers": []}
    sdpa = lambda: torch.nn.functional.scaled_dot_product_attention(q, cast(k), cast(v), attn_mask=mask,
                                                                    scale=score_scale, enable_gqa=True)
    sdpa = (lambda f: lambda: post(f()))(sdpa)
    ref = None
    try:
        ref = sdpa().float()
        res["sdpa_ms"] = median_ms(sdpa, reps=10)
        res["err_vs_sdpa"] = ((ours - ref).norm() / ref.norm()).item()
        res["peers"].append("SDPA (fp8 cast to bf16, then SDPA)" if fp8 else "SDPA")
    except Exception as e:
        res["sdpa_err"] = str(e).splitlines()[0][:60]
    try:
        from torch.nn.attention.flex_attention import flex_attention, create_block_mask

        def mask_mod(b, h, qi, kj):
            tj = (kj - prefix).clamp(0, lq - 1)
            return (kj < prefix) | (((rows[b, qi] >> tj) & 1) == 1)

        bm = create_block_mask(mask_mod, bsz, None, lq, lk, device="cuda")
        flex = torch.compile(flex_attention)
        fx = lambda: post(flex(q, k, v, block_mask=bm, scale=score_scale, enable_gqa=True))
        name = "FlexAttention on fp8 K/V" if fp8 else "FlexAttention"
        try:
            fo = fx().float()
        except Exception as e:
            if not fp8:
                raise
            res["flex_fp8_err"] = str(e).splitlines()[0][:80]
            fx = lambda: post(flex(q, cast(k), cast(v), block_mask=bm, scale=score_scale, enable_gqa=True))
            name = "FlexAttention (fp8 cast to bf16, then Flex)"
            fo = fx().float()
        res["peers"].append(name)
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
    availability = []
    for w in man["workloads"]:
        r = run(root, w)
        print(w["id"], r, flush=True)
        if w.get("kv_dtype", "bf16") in FP8:
            ran = r["peers"] if isinstance(r["peers"], list) else [r["peers"]]
            missing = ["SDPA: " + r["sdpa_err"]] if "sdpa_err" in r else []
            missing += ["FlexAttention on fp8 K/V: " + r["flex_fp8_err"]] if "flex_fp8_err" in r else []
            missing += ["FlexAttention: " + r["flex_err"]] if "flex_err" in r else []
            availability.append("%s: ran %s; not available: %s" % (w["id"], ", ".join(ran) or "none",
                                                                  "; ".join(missing) or "nothing"))
        ours = w["our_ms"]
        flops = 4.0 * w["B"] * w["Hq"] * w["Lq"] * w["Lk"] * w["D"]
        floor = max(w["kv_bytes"] / copy, flops / mm) * 1e3
        label = "B=%d Hq/Hkv=%d/%d Lq=%d Lk=%d" % (w["B"], w["Hq"], w["Hkv"], w["Lq"], w["Lk"])
        if w.get("kv_dtype", "bf16") != "bf16":
            label += " kv=" + w["kv_dtype"]
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
    if availability:
        text += "\nfp8 peers (per fp8 workload):\n" + "\n".join("- " + a for a in availability) + "\n"
    print("\n" + text)
    if out_md:
        open(out_md, "w").write(text)


if __name__ == "__main__":
    main()
