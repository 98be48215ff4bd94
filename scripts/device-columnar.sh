#!/usr/bin/env bash
# The columnar data path's figures on the device machine (docs/PERFORMANCE.md, "Columnar data path"):
#   device-columnar.sh tests [PKG] packing rate by thread count (PackRate), then every gpu-tagged test
#                              (of package PKG, default org.sparkxqa; or class='A B ...' for those classes),
#                              each printed as it finishes; then, for the whole package, OomSplitGpuTest and
#                              GpuReaderOomGpuTest, each in a JVM of its own (they size RMM's pool, so they
#                              skip where RMM is set up)
#   device-columnar.sh bench   bench at local[16] -Xmx24g: bf16 32/8/128, 1000 requests, Lk <= 2048
#                              (rows from the cache vs columnar from Parquet vs the pinned copy rate),
#                              under a JFR profile whose hot methods are printed
#   device-columnar.sh long    the same bench for 48 long requests (Lk <= 32768)
#   device-columnar.sh permits the bench (no profile) with spark.xqa.gpu.packBeforePermit false and true, each
#                              at 2 then 4 concurrent GPU tasks: where a task takes its permit and how many, A/B
# Run inside shared/device run.sh (XQA_CP set, bench/target/classes staged for PackRate); jvm.flags copied
# from spark-plugin/target/launcher/ into .dev-e2e/ (git-ignored: carry it with the call; or XQA_JVM_FLAGS). Results under $OUT.
set -uo pipefail
read -r -a F < "${XQA_JVM_FLAGS:-.dev-e2e/jvm.flags}"
J=(java "${F[@]}" -Xss4m -XX:ErrorFile="$OUT/hs_err_%p.log")
S=(--dtype bf16 --q-heads 32 --kv-heads 8 --head-dim 128)
step() { echo "=== $*" | cut -c1-160; local t=$(date +%s.%N); "$@"; local rc=$?; echo "=== rc=$rc in $(awk -v a="$t" -v b="$(date +%s.%N)" "BEGIN{printf \"%.1f\", b-a}") s"; }
nvidia-smi --query-gpu=name,driver_version,pcie.link.gen.current,pcie.link.width.current --format=csv,noheader
nproc
case "${1:-}" in
  tests)
    [ -n "${2:-}" ] || step "${J[@]}" -cp "$XQA_CP" org.sparkxqa.bench.pack.PackRate 1024 5 | tee "$OUT/pack-rate.txt"
    sel=()
    name=$(echo "${2:-all}" | tr -c "A-Za-z0-9.\n" _ | cut -c1-40)
    if [[ "${2:-}" == class=* ]]; then for c in ${2#class=}; do sel+=(--select-class "$c"); done
      name=classes-$(echo "$2" | md5sum | cut -c1-8)
    else sel=(--select-package "${2:-org.sparkxqa}"); fi
    (cd /tmp && step timeout "${TESTS_TIMEOUT:-420}" "${J[@]}" -cp "$XQA_CP" org.junit.platform.console.ConsoleLauncher \
        execute --include-tag gpu "${sel[@]}" --details=flat --disable-ansi-colors --disable-banner \
        --reports-dir "$OUT/junit-$name") > "$OUT/tests-$name.txt" 2>&1
    grep -a -E "^Finished: .*\[method|=> |tests (successful|failed|skipped|aborted)|=== rc=" "$OUT"/tests-*.txt \
        | grep -av "^\s*at " | sed 's/ (\[engine.*//' | tail -80
    if [ -z "${2:-}" ] || [ "${2:-}" = org.sparkxqa ]; then
      for c in org.sparkxqa.spark.eval.OomSplitGpuTest org.sparkxqa.spark.job.GpuReaderOomGpuTest; do
        (cd /tmp && step timeout 180 "${J[@]}" -cp "$XQA_CP" org.junit.platform.console.ConsoleLauncher execute \
            --include-tag gpu --select-class "$c" --details=flat \
            --disable-ansi-colors --disable-banner) > "$OUT/tests-${c##*.}.txt" 2>&1
        grep -a -E "^Finished: .*\[method|=> |tests (successful|failed|aborted)|=== rc=|GPU reader with" "$OUT/tests-${c##*.}.txt" \
            | grep -av "^\s*at " | sed 's/ (\[engine.*//'
      done
    fi ;;
  bench)
    step "${J[@]}" -Xmx24g -Xlog:gc:file="$OUT/gc-bench.log" -XX:StartFlightRecording=filename=/tmp/bench.jfr,settings=profile \
        -cp "$XQA_CP" org.sparkxqa.spark.job.XqaJob bench --backend gpu "${S[@]}" --rows 1000 --max-q-len 8 \
        --max-kv-len 2048 --iterations 3 --cpu-iterations 0 --master 'local[16]' --report "$OUT/bench-1000.json" \
        2>&1 | grep -v ' INFO \| WARN '
    jfr view --width 220 hot-methods /tmp/bench.jfr > "$OUT/bench-hot-methods.txt" 2>&1
    jfr print --events jdk.ExecutionSample --stack-depth 12 /tmp/bench.jfr | gzip > "$OUT/bench-samples.txt.gz"
    head -40 "$OUT/bench-hot-methods.txt"
    grep -o '[0-9]*M->[0-9]*M' "$OUT/gc-bench.log" | sort -t'>' -k2 -n | tail -1 | sed 's/^/largest heap after a GC: /' ;;
  long)
    step "${J[@]}" -Xmx24g -Xlog:gc:file="$OUT/gc-long.log" -cp "$XQA_CP" org.sparkxqa.spark.job.XqaJob bench --backend gpu "${S[@]}" --rows 48 \
        --max-q-len 8 --max-kv-len 32768 --iterations 3 --cpu-iterations 0 --master 'local[16]' \
        --report "$OUT/bench-long.json" 2>&1 | grep -v ' INFO \| WARN '
    grep -o '[0-9]*M->[0-9]*M' "$OUT/gc-long.log" | sort -t'>' -k2 -n | tail -1 | sed 's/^/largest heap after a GC: /' ;;
  permits)
    for c in false,2 true,2 false,4 true,4; do
      step "${J[@]}" -Xmx24g -Dspark.xqa.gpu.packBeforePermit="${c%,*}" -Dspark.xqa.concurrentGpuTasks="${c#*,}" \
          -cp "$XQA_CP" org.sparkxqa.spark.job.XqaJob bench --backend gpu "${S[@]}" --rows 1000 --max-q-len 8 \
          --max-kv-len 2048 --iterations 3 --cpu-iterations 0 --master 'local[16]' \
          --report "$OUT/bench-pack-${c/,/-}.json" 2>&1 | grep -E "^(rows|columnar|cache|Parquet|Spark|pinned|=== )|where the time"
    done ;;
  *) sed -n 2,11p "$0"; exit 2 ;;
esac
