#!/usr/bin/env bash
# The kernel's figures on the device machine (docs/PERFORMANCE.md, kernel tables): KernelBench over the
# twelve workloads (0-5 bf16 K/V, 6-11 the same shapes with e4m3 K/V), dumping its exact inputs, then
# scripts/kernel_peers.py (torch SDPA and FlexAttention) on those inputs, in the same call; then the e4m3
# workloads again with fp16 q/out (--q-type fp16: the MMAs in fp16, one conversion per pair of codes).
# Run inside shared/device run.sh (XQA_CP set, bench/target/classes staged with the app; jvm.flags in
# .dev-e2e/, git-ignored: carry it with the call); results under $OUT.
set -uo pipefail
read -r -a F < "${XQA_JVM_FLAGS:-.dev-e2e/jvm.flags}"
step() { echo "=== $*" | cut -c1-160; local t=$(date +%s.%N); "$@"; local rc=$?; echo "=== rc=$rc in $(awk -v a="$t" -v b="$(date +%s.%N)" "BEGIN{printf \"%.1f\", b-a}") s"; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader
rm -rf /tmp/kb /tmp/kbjit
CUDA_CACHE_DISABLE=1 step java "${F[@]}" -cp "$XQA_CP" org.sparkxqa.bench.kernel.KernelBench --dump-inputs /tmp/kb \
    --jit-dir /tmp/kbjit 2>&1 | tee "$OUT/kernelbench.txt"
cp /tmp/kb/manifest.json "$OUT/" 2>/dev/null
step python3 scripts/kernel_peers.py /tmp/kb --out "$OUT/peers.md" 2>&1 | tail -40
step java "${F[@]}" -cp "$XQA_CP" org.sparkxqa.bench.kernel.KernelBench --q-type fp16 --only 6,7,8,9,10,11 \
    --jit-dir /tmp/kbjit 2>&1 | tee "$OUT/kernelbench-fp16q.txt" | grep "^| [0-9]" | tail -6
