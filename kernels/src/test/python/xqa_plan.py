"""The launch plan, mirrored from org.sparkxqa.core.gpu.kernel.LaunchPlan (keep the two in step):
request table, work items, merge items, draft masks and scratch sizes for one batch."""
import math
import os
import numpy as np

KT = 64
def split_tokens_for(rows):
    """KV chunk of a request with rows = Lq * G: bigger for more rows (their fp32 partials cost
    rows / split of the K/V traffic); depends on the request alone (batch invariant)."""
    forced = int(os.environ.get("XQA_SPLIT", 0))  # experiments only
    return forced or max(2048, (rows + 31) // 32 * 1024)
MERGE_ROWS = 4
REQ_DTYPE = np.dtype([("kv_off", "<i8"), ("scratch_off", "<i8"), ("q_off", "<i4"), ("lq", "<i4"),
                      ("lk", "<i4"), ("num_splits", "<i4")])


def cta_rows(d):
    return 64 if d == 256 else 128


Q_ROW_UNIT = 64  # shared Q rows are a multiple of this (one wgmma M tile)


MAX_STAGES = 8
BARRIER_BYTES = 8 * MAX_STAGES  # one mbarrier per stage, at the end of the dynamic shared memory
SMEM_PER_SM = 233472      # H100/H200 (sm_90): 228 KB per SM
SMEM_PER_BLOCK = 232448   # 227 KB opt-in per block
SMEM_RESERVED = 1024      # per CTA, taken by the driver


def stage_bytes(d):
    return 2 * KT * d * 2


def ctas_per_sm(d):
    return 1 if d == 256 else 2  # what the registers allow (sm_90a: <= 128 per thread at 256 threads)


def choose_stages(d, q_bytes, per_sm=SMEM_PER_SM, per_block=SMEM_PER_BLOCK):
    """Deepest pipeline (2..4) whose shared memory still lets ctas_per_sm CTAs share an SM."""
    budget = min(per_block, per_sm // ctas_per_sm(d) - SMEM_RESERVED)
    best = 2
    for s in range(2, MAX_STAGES + 1):
        if s * stage_bytes(d) + q_bytes + BARRIER_BYTES <= budget:
            best = s
    if 2 * stage_bytes(d) + q_bytes + BARRIER_BYTES > per_block:
        raise ValueError("shared memory too small")
    return best


def num_splits(lq, lk, window, split_tokens):
    prefix = lk - lq
    lo = max(0, prefix - window + 1) if window > 0 else 0
    return (lk - lo + split_tokens - 1) // split_tokens


class Plan:
    """reqs: list of (lq, lk, mask_rows: list of python ints, bit t = sees draft t)."""

    def __init__(self, reqs, hq, hkv, d, window):
        g = hq // hkv
        self.d, self.g, self.hkv, self.hq = d, g, hkv, hq
        self.req = np.zeros(len(reqs), REQ_DTYPE)
        work, merge, masks = [], [], []
        q_off = kv_off = scr = 0
        max_rows = 0
        for i, (lq, lk, rows_bits) in enumerate(reqs):
            rows = lq * g
            split_tokens = split_tokens_for(rows)
            ns = num_splits(lq, lk, window, split_tokens)
            max_rows = max(max_rows, rows)
            self.req[i] = (kv_off, scr if ns > 1 else 0, q_off, lq, lk, ns)
            for s in range(ns):
                for rb in range(0, rows, cta_rows(d)):
                    work.append((i, rb, s, split_tokens))
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
        self.q_rows_smem = min(cta_rows(d), (max_rows + Q_ROW_UNIT - 1) // Q_ROW_UNIT * Q_ROW_UNIT)
        q_bytes = self.q_rows_smem * d * 2
        self.stages = int(os.environ.get("XQA_FORCE_STAGES", 0)) or choose_stages(d, q_bytes)
        self.smem = self.stages * stage_bytes(d) + q_bytes + BARRIER_BYTES
        self.window = window
