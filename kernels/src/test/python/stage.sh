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
# The Java planner the harness launches through (xqa_plan.py): core's classes, if built.
core="$here/../../../../core/target/classes"
if [ -d "$core" ]; then mkdir -p "$dst/planner" && cp -r "$core" "$dst/planner/classes"; fi
echo "staged into $dst"
