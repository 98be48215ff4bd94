#!/usr/bin/env bash
# GPU end-to-end through Spark on the device machine: generate -> run (gpu, cpu) -> verify -> GPU vs CPU
# comparison in SQL -> bench. Run inside shared/device run.sh (XQA_CP set); jvm.flags copied from
# spark-plugin/target/launcher/ into .dev-e2e/ (or XQA_JVM_FLAGS). Results under $OUT. See docs/PERFORMANCE.md.
set -uo pipefail
read -r -a F < "${XQA_JVM_FLAGS:-.dev-e2e/jvm.flags}"
J=(java "${F[@]}" -Xmx64g -cp "$XQA_CP" org.sparkxqa.spark.job.XqaJob)
W=/tmp/e2e; rm -rf $W; mkdir -p $W
S=(--dtype bf16 --q-heads 32 --kv-heads 8 --head-dim 128)
step() { echo "=== $*"; local t=$(date +%s.%N); "$@"; local rc=$?; echo "=== rc=$rc in $(awk -v a="$t" -v b="$(date +%s.%N)" "BEGIN{printf \"%.1f\", b-a}") s"; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
step "${J[@]}" generate --output $W/in --rows 1000 "${S[@]}" --max-q-len 8 --max-kv-len 2048 --seed 7 --partitions 8 --master local[4]
step "${J[@]}" run --input $W/in --output $W/gpu "${S[@]}" --backend gpu --master local[4] --report $OUT/gpu-report.json
step "${J[@]}" run --input $W/in --output $W/cpu "${S[@]}" --backend cpu --master local[4] --report $OUT/cpu-report.json
step "${J[@]}" verify --input $W/gpu --sample 200 "${S[@]}" --master local[4]
step "${J[@]}" sql -e "SELECT count(*) AS rows, sum(CAST(same AS INT)) AS identical_bytes, max(err) AS worst_rel_err_gpu_vs_cpu FROM (SELECT g.out = c.out AS same, sqrt(aggregate(zip_with(xqa_to_floats(g.out,'bf16'), xqa_to_floats(c.out,'bf16'), (x,y) -> (x-y)*(x-y)), 0D, (a,b) -> a+b) / aggregate(transform(xqa_to_floats(c.out,'bf16'), y -> y*y), 1e-30D, (a,b) -> a+b)) AS err FROM parquet.\`$W/gpu\` g JOIN parquet.\`$W/cpu\` c ON g.id = c.id)"
step "${J[@]}" bench --backend gpu "${S[@]}" --rows 1000 --max-q-len 8 --max-kv-len 2048 --iterations 3 --master local[4]
step "${J[@]}" bench --backend cpu "${S[@]}" --rows 1000 --max-q-len 8 --max-kv-len 2048 --iterations 1 --master local[4]
