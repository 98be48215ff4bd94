"""Spark XQA's contract (docs/DESIGN.md section 1) in numpy float64, written apart from the Java code.

Used by the interop test: write_requests.py makes the input with pyarrow, check_outputs.py checks
the job's output against attention() here.
"""
import numpy as np


def encode(values, dtype):
    """float values -> little-endian fp16/bf16 bytes (round to nearest even)."""
    f = np.ascontiguousarray(values, dtype=np.float32)
    if dtype == "fp16":
        return f.astype("<f2").tobytes()
    bits = f.view(np.uint32).astype(np.uint64)
    return ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype("<u2").tobytes()


def decode(raw, dtype):
    """little-endian fp16/bf16 bytes -> float64 array."""
    if dtype == "fp16":
        return np.frombuffer(raw, dtype="<f2").astype(np.float64)
    bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
    return bits.view(np.float32).astype(np.float64)


def visibility(lq, lk, parents, window):
    """[lq, lk] booleans: query token i sees key j."""
    prefix = lk - lq
    sees = np.zeros((lq, lk), dtype=bool)
    sees[:, :prefix] = True
    for i in range(lq):
        if parents is None:
            sees[i, prefix:prefix + i + 1] = True
        else:
            t = i
            while t >= 0:
                sees[i, prefix + t] = True
                t = parents[t]
    if window > 0:
        distance = (prefix + np.arange(lq))[:, None] - np.arange(lk)[None, :]
        sees &= distance < window
    return sees


def attention(q, k, v, parents, hq, hkv, d, scale=None, window=0):
    """out [Lq, Hq, D] (flattened, float64) of one request; q, k, v as float64 arrays."""
    lq, lk = q.size // (hq * d), k.size // (hkv * d)
    scale = 1.0 / np.sqrt(d) if scale is None else scale
    group = hq // hkv
    q = q.reshape(lq, hq, d)
    k = np.repeat(k.reshape(lk, hkv, d), group, axis=1)
    v = np.repeat(v.reshape(lk, hkv, d), group, axis=1)
    scores = np.einsum("ihd,jhd->hij", q, k) * scale
    scores = np.where(visibility(lq, lk, parents, window)[None], scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    return np.einsum("hij,jhd->ihd", weights, v).reshape(-1)
