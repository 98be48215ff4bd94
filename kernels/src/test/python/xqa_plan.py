"""Launch plans for the harness, made by the Java host's own planner (LaunchPlan through PlanCommand;
no planning here) or read from a KernelBench --dump-inputs folder: request/work/merge tables, draft
masks, sizes, launch shapes and the k/v tensor-map description. Folder format: PLAN_FORMAT.md.
The JVM: $XQA_JAVA (default java) with classpath $XQA_CP (default: planner/classes next to this file,
as stage.sh copies it, else the repository's bench/target/classes and core/target/classes). Plans are cached by batch under
$XQA_PLAN_CACHE (default plans/ next to this file), so a staged cache needs no Java at all."""
import hashlib
import json
import os
import subprocess
import numpy as np
import xqa_abi

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("XQA_SRC", os.path.join(HERE, "kernels"))


class Plan:
    """One planned batch, loaded from a plan folder; fields as in plan.json, tables as numpy records."""

    def __init__(self, folder):
        with open(os.path.join(folder, "plan.json")) as f:
            self.info = json.load(f)
        i = self.info
        if i["abi_version"] != xqa_abi.abi_version(SRC):
            raise RuntimeError("plan %s is for ABI %d, the sources are ABI %d" % (
                folder, i["abi_version"], xqa_abi.abi_version(SRC)))
        dt = xqa_abi.table_dtypes(SRC)
        self.req = np.fromfile(os.path.join(folder, "requests.bin"), dt["requests"])
        self.work = np.fromfile(os.path.join(folder, "work.bin"), dt["work"])
        self.merge = np.fromfile(os.path.join(folder, "merge.bin"), dt["merge"])
        self.masks = np.fromfile(os.path.join(folder, "masks.bin"), np.uint64)
        self.d, self.g, self.hq, self.hkv = i["head_dim"], i["group"], i["q_heads"], i["kv_heads"]
        self.window, self.stages, self.smem = i["window"], i["stages"], i["attention_smem_bytes"]
        self.q_tokens, self.kv_tokens, self.scratch_rows = i["q_tokens"], i["kv_tokens"], i["scratch_rows"]
        self.scale_log2, self.v_scale = i["scale_log2"], i["v_scale"]


def _classpath():
    staged = os.path.join(HERE, "planner", "classes")
    root = os.path.join(HERE, "..", "..", "..", "..")
    repo = os.pathsep.join(os.path.normpath(os.path.join(root, m, "target", "classes")) for m in ("bench", "core"))
    return os.environ.get("XQA_CP") or (staged if os.path.isdir(staged) else repo)


def batch_text(reqs, hq, hkv, d, window, qt=1, kvt=1, scale=None, k_scale=1.0, v_scale=1.0, stages=0):
    """PlanCommand's batch file. reqs: (lq, lk, mask rows as ints, bit t = sees draft t)."""
    scale = d ** -0.5 if scale is None else scale
    lines = ["spec %d %d %d %d %d %d %r %r %r %d" % (qt, kvt, hq, hkv, d, window, float(scale), float(k_scale),
                                                   float(v_scale), stages)]
    for lq, lk, rows in reqs:
        lines.append("request %d %d %s" % (lq, lk, " ".join("%x" % (r & 0xFFFFFFFFFFFFFFFF) for r in rows)))
    return "\n".join(lines) + "\n"


def plan(reqs, hq, hkv, d, window, qt=1, kvt=1, scale=None, k_scale=1.0, v_scale=1.0, stages=0):
    """The Java planner's plan of a batch (stages 0: the planner's depth, or $XQA_FORCE_STAGES; else 2..8)."""
    stages = stages or int(os.environ.get("XQA_FORCE_STAGES", 0))  # experiments only
    text = batch_text(reqs, hq, hkv, d, window, qt, kvt, scale, k_scale, v_scale, stages)
    cache = os.environ.get("XQA_PLAN_CACHE", os.path.join(HERE, "plans"))
    folder = os.path.join(cache, hashlib.sha256(text.encode()).hexdigest()[:24])
    if not os.path.exists(os.path.join(folder, "plan.json")):
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "batch.txt"), "w") as f:
            f.write(text)
        cmd = [os.environ.get("XQA_JAVA", "java"), "-cp", _classpath(), "org.sparkxqa.bench.plan.PlanCommand",
               os.path.join(folder, "batch.txt"), folder]
        subprocess.run(cmd, check=True)
    return Plan(folder)
