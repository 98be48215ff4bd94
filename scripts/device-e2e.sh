#!/usr/bin/env bash
# GPU end-to-end through Spark on the device machine: generate -> run (gpu, cpu) -> verify -> GPU vs CPU
# comparison in SQL -> bench e2e (GPU, CPU on the same requests, pinned host-to-device copy rate, ratios),
# at local[4] with -Xmx64g and at local[16] with -Xmx24g (the setting whose GPU run once ran out of heap;
# run and bench both, with a GC log). Run inside shared/device run.sh (XQA_CP set); jvm.flags copied from
# spark-plugin/target/launcher/ into .dev-e2e/ (git-ignored: carry it with the call; or XQA_JVM_FLAGS). Results under $OUT. See docs/PERFORMANCE.md.
set -uo pipefail
read -r -a F < "${XQA_JVM_FLAGS:-.dev-e2e/jvm.flags}"
J=(java "${F[@]}" -Xmx64g -cp "$XQA_CP" org.sparkxqa.spark.job.XqaJob)
# The job with -Xmx24g and a GC log ($OUT/gc-NAME.log: heap before -> after each collection): J24 NAME ARGS...
J24() { java "${F[@]}" -Xmx24g -Xlog:gc:file="$OUT/gc-$1.log" -cp "$XQA_CP" org.sparkxqa.spark.job.XqaJob "${@:2}"; }
W=/tmp/e2e; rm -rf $W; mkdir -p $W
S=(--dtype bf16 --q-heads 32 --kv-heads 8 --head-dim 128)
step() { local shown="$*"; echo "=== ${shown##*XqaJob }"; local t=$(date +%s.%N); "$@"; local rc=$?; echo "=== rc=$rc in $(awk -v a="$t" -v b="$(date +%s.%N)" "BEGIN{printf \"%.1f\", b-a}") s"; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
step "${J[@]}" generate --output $W/in --rows 1000 "${S[@]}" --max-q-len 8 --max-kv-len 2048 --seed 7 --partitions 8 --master local[4]
step "${J[@]}" run --input $W/in --output $W/gpu "${S[@]}" --backend gpu --master local[4] --report $OUT/gpu-report.json
step "${J[@]}" run --input $W/in --output $W/cpu "${S[@]}" --backend cpu --master local[4] --report $OUT/cpu-report.json
step "${J[@]}" verify --input $W/gpu --sample 200 "${S[@]}" --master local[4]
step "${J[@]}" sql -e "SELECT count(*) AS rows, sum(CAST(same AS INT)) AS identical_bytes, max(err) AS worst_rel_err_gpu_vs_cpu FROM (SELECT g.out = c.out AS same, sqrt(aggregate(zip_with(xqa_to_floats(g.out,'bf16'), xqa_to_floats(c.out,'bf16'), (x,y) -> (x-y)*(x-y)), 0D, (a,b) -> a+b) / aggregate(transform(xqa_to_floats(c.out,'bf16'), y -> y*y), 1e-30D, (a,b) -> a+b)) AS err FROM parquet.\`$W/gpu\` g JOIN parquet.\`$W/cpu\` c ON g.id = c.id)"
# What ./xqa bench e2e runs: the GPU passes, the CPU backend on the same cached requests, the pinned copy rate.
B=(bench --backend gpu "${S[@]}" --rows 1000 --max-q-len 8 --max-kv-len 2048 --iterations 3 --cpu-iterations 1)
step "${J[@]}" "${B[@]}" --master local[4] --report $OUT/bench-local4-xmx64g.json
step J24 run-local16 run --input $W/in --output $W/gpu16 "${S[@]}" --backend gpu --master local[16] --report $OUT/gpu-local16-xmx24g-report.json
step J24 bench-local16 "${B[@]}" --master local[16] --report $OUT/bench-local16-xmx24g.json
