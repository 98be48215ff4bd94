#!/bin/sh
# Copies the kernel sources and this harness into a folder the device tool can carry
# (default /work/main/.dev-kernel): python files at the top, kernel sources under kernels/, the
# planner's classes under planner/ (java on the device: shared/device/stage, or a staged plans/ cache).
set -e
here=$(cd "$(dirname "$0")" && pwd)
dst=${1:-/work/main/.dev-kernel}
rm -rf "$dst"
mkdir -p "$dst/kernels"
cp "$here"/*.py "$dst/"
cp "$here"/../../main/resources/org/sparkxqa/kernels/* "$dst/kernels/"
# The Java planner the harness launches through (xqa_plan.py): PlanCommand (bench module) and the core
# classes it plans with, if built, merged into one folder.
repo="$here/../../../.."
if [ -d "$repo/core/target/classes" ] && [ -d "$repo/bench/target/classes" ]; then
  mkdir -p "$dst/planner/classes"
  cp -r "$repo/core/target/classes/." "$repo/bench/target/classes/." "$dst/planner/classes/"
fi
echo "staged into $dst"
