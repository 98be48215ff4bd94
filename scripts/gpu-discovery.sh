#!/usr/bin/env bash
# Spark GPU discovery script: prints this machine's NVIDIA GPUs as Spark expects,
#   {"name":"gpu","addresses":["0","1"]}
# Use it on every worker (standalone) or executor host:
#   spark.worker.resource.gpu.amount=N
#   spark.worker.resource.gpu.discoveryScript=/path/to/gpu-discovery.sh
# NVIDIA_SMI names another nvidia-smi binary. It exits non-zero, saying why, when nvidia-smi is
# missing or fails (so the worker does not start believing it has GPUs).
set -euo pipefail

smi="${NVIDIA_SMI:-nvidia-smi}"
if ! command -v "$smi" >/dev/null 2>&1; then
  echo "gpu-discovery.sh: $smi not found: no NVIDIA driver on this host?" >&2
  exit 1
fi
indexes=$("$smi" --query-gpu=index --format=csv,noheader)
addresses=""
while read -r index; do
  [[ -z "$index" ]] && continue
  addresses+="${addresses:+,}\"${index// /}\""
done <<< "$indexes"
echo "{\"name\":\"gpu\",\"addresses\":[${addresses}]}"
