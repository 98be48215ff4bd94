"""Runs one benchmark workload a few times (for ncu) and writes the variant's cubin for cuobjdump.
Usage: python3 prof.py N [cubin_out]"""
import sys
import numpy as np
import torch
import cupy as cp
from bench import WORKLOADS, D
from xqa_plan import plan as make_plan
from xqa_cupy import Launch, module
from xqa_data import random_tree

n = int(sys.argv[1])
bsz, hq, hkv, lq, lk = WORKLOADS[n]
rng = np.random.default_rng(7)
rows = [random_tree(rng, lq) for _ in range(bsz)]
q = torch.randn(bsz * lq, hq, D, device="cuda", dtype=torch.bfloat16)
k = torch.randn(bsz * lk, hkv, D, device="cuda", dtype=torch.bfloat16)
v = torch.randn(bsz * lk, hkv, D, device="cuda", dtype=torch.bfloat16)
out = torch.empty_like(q)
launch = Launch(make_plan([(lq, lk, r) for r in rows], hq, hkv, D, 0))
args = [cp.asarray(t.view(torch.int16)) for t in (q, k, v, out)]
for _ in range(3):
    launch.run(*args)
cp.cuda.runtime.deviceSynchronize()
print("ran workload", WORKLOADS[n])
