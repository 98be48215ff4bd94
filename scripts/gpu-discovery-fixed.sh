#!/usr/bin/env bash
# Spark GPU discovery script for tests and machines without NVIDIA tools: prints fixed addresses,
#   {"name":"gpu","addresses":["1"]}
# taken from the first argument or, as Spark calls discovery scripts without arguments, from
# XQA_GPU_ADDRESSES (comma-separated, e.g. XQA_GPU_ADDRESSES=0,1) in the worker's environment.
set -euo pipefail

list="${1:-${XQA_GPU_ADDRESSES:-}}"
if [[ -z "$list" ]]; then
  echo "gpu-discovery-fixed.sh: give the addresses as an argument or in XQA_GPU_ADDRESSES (e.g. 0,1)" >&2
  exit 1
fi
addresses=""
IFS=',' read -r -a items <<< "$list"
for item in "${items[@]}"; do
  addresses+="${addresses:+,}\"${item// /}\""
done
echo "{\"name\":\"gpu\",\"addresses\":[${addresses}]}"
