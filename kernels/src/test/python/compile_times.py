"""Cold NVRTC compile times (ctypes, CUDA_CACHE_DISABLE=1) of one or more source trees, interleaved
round by round so machine noise hits all alike; best and median of 5 for four variants. Each tree is
a folder with sources.txt (stage.sh's kernels/ folder, or the resource folder).
  python3 compile_times.py kernels old/kernels"""
import os, sys, time, statistics

os.environ["CUDA_CACHE_DISABLE"] = "1"  # NVRTC 13 caches through the driver's compute cache otherwise
import nvrtc_check

VARIANTS = [(1, 1, 128, 8), (1, 1, 128, 4), (0, 0, 64, 4), (1, 1, 256, 4)]  # q type, kv type, D, G


def main():
    lib = nvrtc_check.find_nvrtc()
    seconds = {}
    for _ in range(5):
        for tree in sys.argv[1:]:
            nvrtc_check.SRC = tree
            for v in VARIANTS:
                t0 = time.time()
                rc, log, _ = nvrtc_check.compile_variant(lib, "sm_90a", *v)
                seconds.setdefault((tree, v), []).append(time.time() - t0)
                if rc != 0:
                    raise SystemExit("compile failed for %s %s:\n%s" % (tree, v, log))
    for (tree, v), ts in seconds.items():
        print("%-28s %-16s best %.3f median %.3f all %s" % (tree, v, min(ts), statistics.median(ts),
                                                           " ".join("%.2f" % x for x in ts)))


if __name__ == "__main__":
    main()
