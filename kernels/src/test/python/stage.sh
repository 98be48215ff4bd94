#!/bin/sh
# Copies the kernel sources and this harness into a folder the device tool can carry
# (default /work/main/.dev-kernel): python files at the top, kernel sources under kernels/.
set -e
here=$(cd "$(dirname "$0")" && pwd)
dst=${1:-/work/main/.dev-kernel}
rm -rf "$dst"
mkdir -p "$dst/kernels"
cp "$here"/*.py "$dst/"
cp "$here"/../../main/resources/org/sparkxqa/kernels/* "$dst/kernels/"
echo "staged into $dst"
