#!/usr/bin/env bash
# compute-sanitizer over GPU tests on the device machine (docs/RELIABILITY.md, "Sanitizers"):
#   device-sanitizer.sh [TOOL...]   tools: memcheck racecheck synccheck initcheck (default: all four)
# Each tool runs the JUnit methods in $METHODS (Class#method, space-separated; default below: edge
# lengths, windows and empty trees for bf16 and fp8, chosen so each tool finishes within its timeout).
# Run inside shared/device run.sh (XQA_CP set); jvm.flags from spark-plugin/target/launcher/ in .dev-e2e/ (git-ignored: carry it).
# Full logs under $OUT/sanitizer-TOOL.txt; the summary lines are printed.
set -uo pipefail
read -r -a F < "${XQA_JVM_FLAGS:-.dev-e2e/jvm.flags}"
CS=$(command -v compute-sanitizer || ls /usr/local/cuda/bin/compute-sanitizer 2>/dev/null) \
    || { echo "compute-sanitizer: not on this machine"; exit 4; }
P=org.sparkxqa.core.gpu
METHODS=${METHODS:-"$P.GpuBackendFp8GpuTest#edgeLengths $P.GpuBackendFp8GpuTest#emptyTreesAndRowsThatSeeNothing
 $P.GpuBackendMatrixGpuTest#windowsMatchTheCpuBackend $P.GpuBackendLengthsGpuTest#rowsThatSeeNothingAreExactZeros"}
sel=(); for m in $METHODS; do sel+=(--select-method "$m"); done
"$CS" --version | tail -1
for tool in "${@:-memcheck racecheck synccheck initcheck}"; do
  for t in $tool; do
    (cd /tmp && timeout "${TOOL_TIMEOUT:-120}" "$CS" --tool "$t" --target-processes all --print-limit 20 \
        --error-exitcode 9 java "${F[@]}" -Xss4m -cp "$XQA_CP" org.junit.platform.console.ConsoleLauncher \
        execute --include-tag gpu "${sel[@]}" --details=summary --disable-banner) > "$OUT/sanitizer-$t.txt" 2>&1
    echo "=== $t rc=$?"
    grep -E "SUMMARY|tests (successful|failed|skipped|aborted)" "$OUT/sanitizer-$t.txt" | tail -6
  done
done
