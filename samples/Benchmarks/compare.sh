#!/usr/bin/env bash
# Compares NetGen with numpy and PyTorch on the same workloads in one interleaved run, and prints a table of
# medians and ratios. Installs what it needs (Debian's python3-numpy, python3-torch, OpenBLAS with pthreads,
# threadpoolctl) and MNIST (data/fetch-mnist.sh). Usage: samples/Benchmarks/compare.sh [compare.py options]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

packages=(python3-numpy python3-torch libopenblas0-pthread python3-threadpoolctl)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

bash "$root/data/fetch-mnist.sh" >&2
dotnet build "$root/generator/NetGen.Generator" -c Release -v quiet >&2
dotnet build "$here/NetGen.Benchmarks.csproj" -c Release -v quiet >&2

# OpenBLAS 0.3.21 does not recognise this Xeon's model and falls back to its Prescott (SSE3) kernels, 15-22x
# slower than it can be; name the AVX-512 kernels when the CPU has AVX-512 so the peers run at their best.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -q -m1 avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SkylakeX; fi

# Two torch threads and two OpenBLAS threads fight over two cores unless idle threads sleep.
export OMP_WAIT_POLICY=PASSIVE
exec /usr/bin/python3 "$here/compare.py" \
  --netgen "dotnet $here/bin/Release/net10.0/NetGen.Benchmarks.dll" \
  --data "$root/data/mnist" "$@"
