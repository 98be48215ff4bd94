"""The launch plan, mirrored from org.sparkxqa.core.gpu.kernel.LaunchPlan (keep the two in step):
request table, work items, merge items, draft masks and scratch sizes for one batch."""
import math
import os
import numpy as np

KT = 64
SPLIT_TOKENS = 1024  # fixed: a request's splits depend only on its own Lk, Lq and the window
MERGE_ROWS = 4
THREADS = 128
REQ_DTYPE = np.dtype([("kv_off", "<i8"), ("scratch_off", "<i8"), ("q_off", "<i4"), ("lq", "<i4"),
                      ("lk", "<i4"), ("num_splits", "<i4")])


def cta_rows(d):
    return 64 if d == 256 else 128


def warp_rows(d):
    return 16 if d == 256 else 32


MAX_STAGES = 4
SMEM_PER_SM = 233472      # H100/H200 (sm_90): 228 KB per SM
SMEM_PER_BLOCK = 232448   # 227 KB opt-in per block
SMEM_RESERVED = 1024      # per CTA, taken by the driver


def stage_bytes(d):
    return 2 * KT * d * 2


def ctas_per_sm(d):
    return 1 if d == 256 else 2  # what the registers allow (255 per thread, 128 threads)


def choose_stages(d, q_bytes, per_sm=SMEM_PER_SM, per_block=SMEM_PER_BLOCK):
    """Deepest pipeline (2..4) whose shared memory still lets ctas_per_sm CTAs share an SM."""
    budget = min(per_block, per_sm // ctas_per_sm(d) - SMEM_RESERVED)
    best = 2
    for s in range(2, MAX_STAGES + 1):
        if s * stage_bytes(d) + q_bytes <= budget:
            best = s
    if 2 * stage_bytes(d) + q_bytes > per_block:
        raise ValueError("shared memory too small")
    return best


def num_splits(lq, lk, window, split_tokens=SPLIT_TOKENS):
    prefix = lk - lq
    lo = max(0, prefix - window + 1) if window > 0 else 0
    return (lk - lo + split_tokens - 1) // split_tokens


class Plan:
    """reqs: list of (lq, lk, mask_rows: list of python ints, bit t = sees draft t)."""

    def __init__(self, reqs, hq, hkv, d, window, split_tokens=SPLIT_TOKENS):
        g = hq // hkv
        self.d, self.g, self.hkv, self.hq = d, g, hkv, hq
        self.req = np.zeros(len(reqs), REQ_DTYPE)
        work, merge, masks = [], [], []
        q_off = kv_off = scr = 0
        max_rows = 0
        for i, (lq, lk, rows_bits) in enumerate(reqs):
            ns = num_splits(lq, lk, window, split_tokens)
            rows = lq * g
            max_rows = max(max_rows, rows)
            self.req[i] = (kv_off, scr if ns > 1 else 0, q_off, lq, lk, ns)
            for s in range(ns):
                for rb in range(0, rows, cta_rows(d)):
                    work.append((i, rb, s, 0))
            if ns > 1:
                scr += ns * hkv * rows
                merge += [(i, rb) for rb in range(0, rows, MERGE_ROWS)]
            masks += [b & 0xFFFFFFFFFFFFFFFF for b in rows_bits]
            q_off += lq
            kv_off += lk
        self.q_tokens, self.kv_tokens = q_off, kv_off
        self.work = np.array(work, np.int32).reshape(-1, 4)
        self.merge = np.array(merge, np.int32).reshape(-1, 2)
        self.masks = np.array(masks, np.uint64)
        self.scratch_rows = scr
        wr = warp_rows(d)
        self.q_rows_smem = min(cta_rows(d), (max_rows + wr - 1) // wr * wr)
        q_bytes = self.q_rows_smem * d * 2
        self.stages = int(os.environ.get("XQA_FORCE_STAGES", 0)) or choose_stages(d, q_bytes)
        self.smem = self.stages * stage_bytes(d) + q_bytes
        self.window, self.split_tokens = window, split_tokens
