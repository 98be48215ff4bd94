"""Correctness harness for the spec-dec kernel on the device (cupy + torch):
random ragged batches with trees/chains/packed masks, windows and multi-block splits, against a
float64 reference; poisoned outputs, NaN checks, empty rows = exact zeros, batch invariance
(alone vs mixed vs reordered batch: identical bits) and run-to-run determinism.
Usage: python3 harness.py [--quick]. Prints one line per check and 'N passed, M failed' last."""
import sys, time, traceback
import numpy as np
import torch
import cupy as cp
from xqa_plan import plan as make_plan
from xqa_cupy import Launch
from xqa_data import TORCH_TYPE, make_inputs, random_mask, reference, visibility
from xqa_mask_check import mismatches

TOL = {(1, 1): 2e-2, (0, 0): 5e-3, (0, 1): 2e-2, (1, 0): 2e-2}
results = []


def as_cp(t):
    return cp.asarray(t.view(torch.int16))


def run_kernel(reqs, hq, hkv, d, qt, kvt, window, scale, q, k, v, stages=None):
    plan = make_plan(reqs, hq, hkv, d, window, qt, kvt, scale, stages=stages or 0)  # depth must not change a bit
    launch = Launch(plan)
    out = torch.empty(q.shape, dtype=TORCH_TYPE[qt], device="cuda")
    out.view(torch.int16).fill_(-1)  # 0xFFFF: NaN in fp16 and bf16
    launch.run(as_cp(q), as_cp(k), as_cp(v), as_cp(out))
    cp.cuda.runtime.deviceSynchronize()
    return out, plan


def slices(reqs):
    qo = ko = 0
    for lq, lk, _ in reqs:
        yield slice(qo, qo + lq), slice(ko, ko + lk)
        qo += lq
        ko += lk


def check_batch(name, reqs, hq, hkv, d, qt, kvt, window, seed, scale=None):
    scale = scale if scale is not None else d ** -0.5
    q, k, v = make_inputs(reqs, hq, hkv, d, qt, kvt, seed)
    out, plan = run_kernel(reqs, hq, hkv, d, qt, kvt, window, scale, q, k, v)
    worst, msgs = 0.0, []
    if torch.isnan(out.float()).any():
        msgs.append("NaN in output (unwritten or computed)")
    for (lq, lk, bits), (qs, ks) in zip(reqs, slices(reqs)):
        ref = reference(q[qs], k[ks], v[ks], lq, lk, bits, scale, window)
        got = out[qs].double()
        empty = ~visibility(lq, lk, bits, window).any(1)
        if empty.any() and got[empty].abs().max() != 0:
            msgs.append("rows with nothing visible are not zero (lq=%d lk=%d)" % (lq, lk))
        den = ref.norm().item()
        err = (got - ref).norm().item() / den if den > 0 else got.abs().max().item()
        worst = max(worst, err)
    if worst > TOL[(qt, kvt)] or not np.isfinite(worst):
        msgs.append("relative error %.3g > %.3g" % (worst, TOL[(qt, kvt)]))
    ok = not msgs
    results.append(ok)
    print("%s %s q%d kv%d D%d G%d W%d reqs=%d splits=%d work=%d relerr=%.2e %s" % (
        "PASS" if ok else "FAIL", name, qt, kvt, d, hq // hkv, window, len(reqs), int(plan.req["num_splits"].max()),
        len(plan.work), worst, "; ".join(msgs)), flush=True)
    return out, (q, k, v)


def random_reqs(rng, n, lq_max=64, lks=(1, 37, 577, 1024, 1025, 2500, 4097), kinds=("chain", "tree", "packed")):
    reqs = []
    for _ in range(n):
        lq = int(rng.integers(1, lq_max + 1))
        lk = max(lq, int(rng.choice(lks)))
        reqs.append((lq, lk, random_mask(rng, str(rng.choice(kinds)), lq)))
    return reqs


def check_invariance(name, reqs, hq, hkv, d, qt, kvt, window, seed):
    scale = d ** -0.5
    q, k, v = make_inputs(reqs, hq, hkv, d, qt, kvt, seed)
    full, _ = run_kernel(reqs, hq, hkv, d, qt, kvt, window, scale, q, k, v)
    again, _ = run_kernel(reqs, hq, hkv, d, qt, kvt, window, scale, q, k, v)
    bad = []
    if not torch.equal(full.view(torch.int16), again.view(torch.int16)):
        bad.append("run-to-run bits differ")
    for st in range(2, 9):
        if st * 256 * d + 32768 + 64 > 232448:  # stages x (K + V tile) + the largest Q must fit a block
            continue
        other, _ = run_kernel(reqs, hq, hkv, d, qt, kvt, window, scale, q, k, v, stages=st)
        if not torch.equal(full.view(torch.int16), other.view(torch.int16)):
            bad.append("bits differ with %d pipeline stages" % st)
    sl = list(slices(reqs))
    order = list(reversed(range(len(reqs))))
    rq = torch.cat([q[sl[i][0]] for i in order])
    rk = torch.cat([k[sl[i][1]] for i in order])
    rv = torch.cat([v[sl[i][1]] for i in order])
    rev, _ = run_kernel([reqs[i] for i in order], hq, hkv, d, qt, kvt, window, scale, rq, rk, rv)
    rsl = list(slices([reqs[i] for i in order]))
    for pos, i in enumerate(order):
        if not torch.equal(rev[rsl[pos][0]].view(torch.int16), full[sl[i][0]].view(torch.int16)):
            bad.append("request %d differs when reordered" % i)
    for i in range(len(reqs)):
        alone, _ = run_kernel([reqs[i]], hq, hkv, d, qt, kvt, window, scale, q[sl[i][0]], k[sl[i][1]], v[sl[i][1]])
        if not torch.equal(alone.view(torch.int16), full[sl[i][0]].view(torch.int16)):
            bad.append("request %d (lq=%d lk=%d) differs alone vs batch" % (i, reqs[i][0], reqs[i][1]))
    results.append(not bad)
    print("%s %s q%d kv%d D%d G%d W%d reqs=%d %s" % ("PASS" if not bad else "FAIL", name, qt, kvt, d, hq // hkv,
                                                    window, len(reqs), "; ".join(bad[:4])), flush=True)


def check_mask_words(rng):
    bad = []
    for lq in (1, 7, 64):
        for lk in (lq, lq + 5, 150):
            for kind in ("chain", "tree", "packed"):
                bits = random_mask(rng, kind, lq)
                for key_end in sorted({lk, max(1, lk - lq // 2), lk // 2 + 1}):
                    for window in (0, 1, 3, 40):
                        m = mismatches(lq, lk, bits, key_end, window)
                        if m:
                            bad.append("lq=%d lk=%d %s key_end=%d W%d: %d words, first %r" % (
                                lq, lk, kind, key_end, window, len(m), m[0]))
    results.append(not bad)
    print("%s mask-words %s" % ("PASS" if not bad else "FAIL", "; ".join(bad[:3])), flush=True)


def guarded(fn, *a, **kw):
    try:
        fn(*a, **kw)
    except Exception:
        results.append(False)
        print("FAIL exception in %s%r" % (fn.__name__, a[:1]))
        traceback.print_exc()


def main():
    quick = "--quick" in sys.argv
    rng = np.random.default_rng(1234)
    t0 = time.time()
    guarded(check_mask_words, np.random.default_rng(99))
    variants = [(1, 1, d, g) for d in (64, 128, 256) for g in (1, 4, 7, 32)]
    variants += [(0, 0, d, g) for d in (64, 128, 256) for g in (2, 8)]
    variants += [(0, 1, 128, 4), (1, 0, 128, 4), (0, 1, 64, 3), (1, 0, 256, 5)]
    if quick:
        variants = variants[:3]
    for i, (qt, kvt, d, g) in enumerate(variants):
        hkv = 2 if g <= 8 else 1
        window = [0, 0, 3, 200, 1500][i % 5]
        lq_max = 64 if g <= 8 else 16
        guarded(check_batch, "sweep", random_reqs(rng, 5, lq_max), g * hkv, hkv, d, qt, kvt, window, seed=i)
    # specials
    guarded(check_batch, "empty-rows", [(7, 7, [0, 1, 0, 3, 0, 0, 64]), (5, 5, [0] * 5), (3, 40, [0, 0, 0])],
            8, 2, 128, 1, 1, 0, seed=101)
    guarded(check_batch, "empty-rows-window", [(6, 300, [0, 2, 0, 8, 0, 32]), (4, 2000, [0, 0, 4, 0])], 8, 2, 128, 1,
            1, 1, seed=102)
    guarded(check_batch, "window1-tree", random_reqs(rng, 4, 20, kinds=("tree",)), 8, 2, 128, 1, 1, 1, seed=103)
    guarded(check_batch, "lk-eq-lq", [(lq, lq, random_mask(rng, "tree", lq)) for lq in (1, 16, 33, 64)], 8, 2, 64, 1,
            1, 0, seed=104)
    guarded(check_batch, "rows-2048", [(64, 3000, random_mask(rng, "tree", 64)), (50, 1100, random_mask(rng, "chain", 50))],
            32, 1, 128, 1, 1, 0, seed=105)
    guarded(check_batch, "scale-2", random_reqs(rng, 3), 8, 2, 128, 1, 1, 0, seed=106, scale=0.5)
    if not quick:
        guarded(check_batch, "lk-1M", [(3, 1 << 20, random_mask(rng, "tree", 3))], 4, 1, 128, 1, 1, 0, seed=107)
        guarded(check_batch, "lk-1M-window", [(9, 1 << 20, random_mask(rng, "tree", 9))], 4, 1, 128, 1, 1, 5000, seed=108)
    guarded(check_invariance, "invariance", random_reqs(rng, 12), 8, 2, 128, 1, 1, 0, seed=201)
    guarded(check_invariance, "invariance-window", random_reqs(rng, 8), 16, 2, 64, 0, 0, 700, seed=202)
    guarded(check_invariance, "invariance-d256", random_reqs(rng, 6, 30), 10, 2, 256, 1, 1, 0, seed=203)
    n_ok = sum(results)
    print("harness: %d passed, %d failed (%.0f s)" % (n_ok, len(results) - n_ok, time.time() - t0))
    sys.exit(0 if n_ok == len(results) else 1)


if __name__ == "__main__":
    main()
