#!/usr/bin/env bash
# NativeAOT check of the MNIST sample (README, Deploying): publishes it ahead of time and fails on any trim or AOT
# warning, trains the same epochs with the JIT build and with the native binary, and compares the final parameters
# byte for byte (the .npz files NetGen writes are deterministic). Prints the publish time, the binary's size and each
# epoch's time for both. .ci/run runs it on 10,000 rows (--epochs 1 --limit 10000); run the whole data set by hand:
#
#   samples/Mnist/aot-check.sh [--isa native|x86-64-v3|default] [--model mlp400] [--epochs 1] [--limit N] [--data DIR]
#
# --isa is IlcInstructionSet. native (the default: this machine's instruction sets, as the JIT sees them) and x86-64-v3
# (AVX2) give Vector<float> the 8 lanes the JIT picks on an AVX2 or AVX-512 machine, so the parameters are bit-identical
# to the JIT's (measured here on AVX-512); "default" leaves .NET's baseline (x86-64-v2, 4 lanes), whose sums run in
# another order, so its parameters differ from the JIT's by float32 rounding (reported, not failed).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

isa=native model=mlp400 epochs=1 limit="" data="$root/../shared/mnist"
while [ $# -gt 0 ]; do
  case "$1" in
    --isa) isa=$2; shift 2 ;;
    --model) model=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

isa_property=()
[ "$isa" = default ] || isa_property=("-p:IlcInstructionSet=$isa")
echo "Publishing samples/Mnist with NativeAOT (IlcInstructionSet: $isa)..."
started=$(date +%s)
if ! dotnet publish samples/Mnist/Mnist.csproj -c Release -r linux-x64 "${isa_property[@]}" -o "$work/aot" >"$work/publish.log" 2>&1; then
  cat "$work/publish.log"; echo "FAIL: the AOT publish failed" >&2; exit 1
fi
publish_seconds=$(( $(date +%s) - started ))
if grep -iE "warning [A-Z]+[0-9]+" "$work/publish.log"; then
  echo "FAIL: the AOT publish printed the warnings above" >&2; exit 1
fi
binary="$work/aot/NetGen.Samples.Mnist"
echo "published in ${publish_seconds} s, 0 warnings; $(basename "$binary"): $(stat -c %s "$binary") bytes"

dotnet build samples/Mnist/Mnist.csproj -c Release >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
arguments=(--data "$data" --model "$model" --epochs "$epochs" --seed 0)
[ -z "$limit" ] || arguments+=(--limit "$limit")
epoch_times() { awk -F'|' '/^\| +[0-9]+ \|/ { gsub(/ /, "", $7); printf "%s s  ", $7 } END { print "" }'; }

dotnet samples/Mnist/bin/Release/net10.0/NetGen.Samples.Mnist.dll "${arguments[@]}" --save "$work/jit.npz" >"$work/jit.txt"
"$binary" "${arguments[@]}" --save "$work/aot.npz" >"$work/aot.txt"
echo "JIT epochs: $(epoch_times <"$work/jit.txt")"
echo "AOT epochs: $(epoch_times <"$work/aot.txt")"
tail -n 1 "$work/jit.txt" | sed 's/^/JIT: /'
tail -n 1 "$work/aot.txt" | sed 's/^/AOT: /'

if cmp -s "$work/jit.npz" "$work/aot.npz"; then
  echo "PASS: the final parameters of the AOT binary and the JIT build are bit-identical"
  exit 0
fi
if [ "$isa" = default ]; then
  echo "the baseline instruction set's parameters differ from the JIT's (other summation order):"
  /usr/bin/python3 -c "
import sys, numpy as np
a, b = np.load(sys.argv[1]), np.load(sys.argv[2])
for k in a.files:
    print(' ', k, a[k].shape, int((a[k] != b[k]).sum()), 'values differ, largest difference', float(np.abs(a[k] - b[k]).max()))
" "$work/jit.npz" "$work/aot.npz" || true
  exit 0
fi
echo "FAIL: the final parameters of the AOT binary differ from the JIT build's" >&2
exit 1
