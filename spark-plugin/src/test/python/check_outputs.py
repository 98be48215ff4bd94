"""Checks Spark XQA's output against a float64 numpy computation and the untouched input columns.

usage: check_outputs.py --input FILE --output DIR --dtype bf16|fp16 --q-heads H --kv-heads K
                        --head-dim D --tolerance T
Exit 0 when every row is present, its other columns equal the input's and its relative error
||out - ref|| / ||ref|| is within the tolerance; else 1.
"""
import argparse
import sys

import numpy as np
import pyarrow.parquet as pq

from xqa_reference import attention, decode


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--input", required=True)
    p.add_argument("--output", required=True)
    p.add_argument("--dtype", required=True, choices=["bf16", "fp16"])
    p.add_argument("--q-heads", type=int, required=True)
    p.add_argument("--kv-heads", type=int, required=True)
    p.add_argument("--head-dim", type=int, required=True)
    p.add_argument("--tolerance", type=float, required=True)
    a = p.parse_args()
    inputs = {row["id"]: row for row in pq.read_table(a.input).to_pylist()}
    outputs = pq.read_table(a.output).to_pylist()
    problems = []
    if sorted(inputs) != sorted(row["id"] for row in outputs):
        problems.append(f"ids differ: {len(inputs)} in, {len(outputs)} out")
    worst = 0.0
    for row in outputs:
        original = inputs.get(row["id"])
        if original is None:
            continue
        changed = [c for c in original if row.get(c) != original[c]]
        if changed:
            problems.append(f"id={row['id']}: columns {changed} changed")
        if row.get("out") is None:
            problems.append(f"id={row['id']}: out is NULL")
            continue
        ref = attention(decode(row["q"], a.dtype), decode(row["k"], a.dtype), decode(row["v"], a.dtype),
                        row["tree"], a.q_heads, a.kv_heads, a.head_dim)
        got = decode(row["out"], a.dtype)
        error = np.inf if got.shape != ref.shape else np.linalg.norm(got - ref) / np.linalg.norm(ref)
        worst = max(worst, error)
        if not error <= a.tolerance:
            problems.append(f"id={row['id']}: relative error {error:.3e} > {a.tolerance:.0e}")
    print(f"rows={len(outputs)} worst_relative_error={worst:.3e} tolerance={a.tolerance:.0e}")
    for problem in problems[:20]:
        print("problem: " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
