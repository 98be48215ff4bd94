"""Random ragged batches (trees, chains, packed masks) and the float64 reference of docs/DESIGN.md §1."""
import numpy as np
import torch

TORCH_TYPE = {0: torch.float16, 1: torch.bfloat16}


def chain(lq):
    return [(1 << (i + 1)) - 1 for i in range(lq)]


def tree(parents):
    rows = []
    for t, p in enumerate(parents):
        rows.append((1 << t) | (rows[p] if p >= 0 else 0))
    return rows


def random_tree(rng, lq):
    return tree([int(rng.integers(-1, t)) if t else -1 for t in range(lq)])


def random_mask(rng, rng_kind, lq):
    """A draft mask rows list: 'chain', 'tree' or 'packed' (arbitrary bits, self bit maybe missing)."""
    if rng_kind == "chain":
        return chain(lq)
    if rng_kind == "tree":
        return random_tree(rng, lq)
    return [int(rng.integers(0, 1 << 62)) & ((1 << lq) - 1) for _ in range(lq)]


def make_inputs(reqs, hq, hkv, d, qt, kvt, seed, dev="cuda"):
    """Concatenated q [Tq,Hq,D], k, v [Tk,Hkv,D] with fresh random values."""
    g = torch.Generator(device=dev).manual_seed(seed)
    tq = sum(r[0] for r in reqs)
    tk = sum(r[1] for r in reqs)
    q = torch.randn(tq, hq, d, generator=g, device=dev).to(TORCH_TYPE[qt])
    k = torch.randn(tk, hkv, d, generator=g, device=dev).to(TORCH_TYPE[kvt])
    v = torch.randn(tk, hkv, d, generator=g, device=dev).to(TORCH_TYPE[kvt])
    return q, k, v


def visibility(lq, lk, rows_bits, window, dev="cuda"):
    p = lk - lq
    bits = torch.tensor([[(rows_bits[i] >> t) & 1 for t in range(lq)] for i in range(lq)], dtype=torch.bool,
                        device=dev)
    vis = torch.cat([torch.ones(lq, p, dtype=torch.bool, device=dev), bits], 1)
    if window > 0:
        i = torch.arange(lq, device=dev)[:, None]
        j = torch.arange(lk, device=dev)[None, :]
        vis &= (p + i - j) < window
    return vis


def reference(q, k, v, lq, lk, rows_bits, scale, window, dtype=torch.float64):
    """q [lq,Hq,D], k/v [lk,Hkv,D] of one request -> [lq,Hq,D] in `dtype`; rows seeing nothing are 0."""
    hq, hkv = q.shape[1], k.shape[1]
    g = hq // hkv
    vis = visibility(lq, lk, rows_bits, window, q.device)
    out = torch.zeros(lq, hq, q.shape[2], dtype=dtype, device=q.device)
    for h in range(hkv):
        kh = k[:, h].to(dtype)
        vh = v[:, h].to(dtype)
        qh = q[:, h * g:(h + 1) * g].to(dtype)                     # [lq, g, D]
        s = torch.einsum("igd,jd->gij", qh, kh) * scale
        s = s.masked_fill(~vis[None], float("-inf"))
        pm = torch.softmax(s, -1).nan_to_num(0.0)
        out[:, h * g:(h + 1) * g] = torch.einsum("gij,jd->igd", pm, vh)
    return out
