"""Writes a Parquet table of requests with pyarrow in Spark XQA's canonical schema, plus extra columns.

usage: write_requests.py --output FILE --dtype bf16|fp16 --q-heads H --kv-heads K --head-dim D
                         [--rows N] [--seed S]
"""
import argparse

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from xqa_reference import encode

SCHEMA = pa.schema([
    ("id", pa.int64()),
    ("q", pa.binary()),
    ("k", pa.binary()),
    ("v", pa.binary()),
    ("tree", pa.list_(pa.int32())),
    ("name", pa.string()),
    ("score", pa.float64()),
    ("tags", pa.list_(pa.string())),
])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--output", required=True)
    p.add_argument("--dtype", required=True, choices=["bf16", "fp16"])
    p.add_argument("--q-heads", type=int, required=True)
    p.add_argument("--kv-heads", type=int, required=True)
    p.add_argument("--head-dim", type=int, required=True)
    p.add_argument("--rows", type=int, default=24)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rng = np.random.default_rng(a.seed)
    ids = 1000 + rng.permutation(a.rows)
    rows = []
    for n, request_id in enumerate(ids):
        lq = int(rng.integers(1, 9))
        lk = lq + int(rng.integers(0, 100))
        tree = None if n % 3 == 0 else [-1] + [int(rng.integers(-1, t)) for t in range(1, lq)]
        rows.append({
            "id": int(request_id),
            "q": encode(rng.standard_normal(lq * a.q_heads * a.head_dim), a.dtype),
            "k": encode(rng.standard_normal(lk * a.kv_heads * a.head_dim), a.dtype),
            "v": encode(rng.standard_normal(lk * a.kv_heads * a.head_dim), a.dtype),
            "tree": tree,
            "name": None if n % 5 == 0 else f"request-{request_id}",
            "score": float(rng.standard_normal()),
            "tags": [f"t{n % 4}", "pyarrow"],
        })
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), a.output)
    print(f"wrote {len(rows)} rows to {a.output}")


if __name__ == "__main__":
    main()
