"""Compiles kernel variants with NVRTC (ctypes, no toolkit headers, no -I) and prints each resource
report. Needs only libnvrtc (pip nvidia-cuda-nvrtc); no GPU. Usage:
  python3 nvrtc_check.py [--arch sm_90a] [--all] [q kv D G ...]
(sm_90a, as the Java host compiles for 9.0 devices: plain sm_90 builds the mma.sync path only)
"""
import argparse, ctypes, glob, os, sys

SRC = os.path.join(os.path.dirname(__file__), "../../main/resources/org/sparkxqa/kernels")


def find_nvrtc():
    cands = glob.glob("/usr/local/cuda/lib64/libnvrtc.so*") + glob.glob(
        os.path.join(sys.prefix, "lib/python3*/site-packages/nvidia/cu13/lib/libnvrtc.so*"))
    try:
        import nvidia
        for p in nvidia.__path__:
            cands += glob.glob(os.path.join(p, "cu13/lib/libnvrtc.so*"))
    except ImportError:
        pass
    for c in cands:
        d = os.path.dirname(c)
        for b in glob.glob(os.path.join(d, "libnvrtc-builtins.so*")):
            ctypes.CDLL(b, mode=ctypes.RTLD_GLOBAL)
        return ctypes.CDLL(c)
    raise SystemExit("no libnvrtc found")


def sources():
    names = [l.strip() for l in open(os.path.join(SRC, "sources.txt")) if l.strip() and not l.startswith("#")]
    return [(n, open(os.path.join(SRC, n)).read()) for n in names]


def compile_variant(lib, arch, qt, kvt, d, g, extra=()):
    srcs = sources()
    prog = ctypes.c_void_p()
    hdr = srcs[1:]
    arr = lambda xs: (ctypes.c_char_p * len(xs))(*[x.encode() for x in xs])
    rc = lib.nvrtcCreateProgram(ctypes.byref(prog), srcs[0][1].encode(), srcs[0][0].encode(), len(hdr),
                                arr([h[1] for h in hdr]), arr([h[0] for h in hdr]))
    assert rc == 0, rc
    opts = ["-arch=" + arch, "-std=c++17", "--ptxas-options=-v", "-DXQA_Q_TYPE=%d" % qt,
            "-DXQA_KV_TYPE=%d" % kvt, "-DXQA_HEAD_DIM=%d" % d, "-DXQA_GROUP=%d" % g] + list(extra)
    rc = lib.nvrtcCompileProgram(prog, len(opts), arr(opts))
    n = ctypes.c_size_t()
    lib.nvrtcGetProgramLogSize(prog, ctypes.byref(n))
    log = ctypes.create_string_buffer(n.value)
    lib.nvrtcGetProgramLog(prog, log)
    cubin = None
    if rc == 0:
        lib.nvrtcGetCUBINSize(prog, ctypes.byref(n))
        buf = ctypes.create_string_buffer(n.value)
        lib.nvrtcGetCUBIN(prog, buf)
        cubin = buf.raw
    lib.nvrtcDestroyProgram(ctypes.byref(prog))
    return rc, log.value.decode(errors="replace"), cubin


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="sm_90a")
    ap.add_argument("--all", action="store_true", help="every type pair (fp8 K/V included) x D x a few groups")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("variant", nargs="*", type=int)
    a = ap.parse_args()
    lib = find_nvrtc()
    if a.all:
        vs = [(qt, kvt, d, g) for qt in (0, 1) for kvt in (0, 1, 2, 3) for d in (64, 128, 256) for g in (1, 3, 8, 32)]
    else:
        vs = [tuple(a.variant[i:i + 4]) for i in range(0, len(a.variant), 4)] or [(1, 1, 128, 4)]
    bad = 0
    for v in vs:
        rc, log, _ = compile_variant(lib, a.arch, *v)
        spill = "spill" in log and not all(" 0 bytes spill" in l for l in log.splitlines() if "spill" in l)
        stack = [l for l in log.splitlines() if "stack frame" in l and not l.strip().startswith("0 bytes")]
        status = "OK" if rc == 0 else "FAIL rc=%d" % rc
        bad += rc != 0
        print("%s %s q%d kv%d D%d G%d" % (status, a.arch, *v))
        if rc != 0 or not a.quiet:
            print(log)
    print("%d passed, %d failed" % (len(vs) - bad, bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
