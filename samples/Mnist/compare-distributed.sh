#!/usr/bin/env bash
# Measures the MNIST sample data-parallel over MPI against one process (the README's "Training on several machines"):
#  1. final test error, one process and mpirun -np 2, for several seeds (the same run otherwise);
#  2. the time of one epoch (the second of two, after the JIT's) as 1 process x 1 thread, 1 process x 2 threads
#     (--threads 2) and 2 processes x 1 thread (mpirun -np 2), interleaved over rounds, with rank 0's time in the allreduce.
# Usage: samples/Mnist/compare-distributed.sh [--model mlp100] [--epochs 5] [--seeds "0 1 2"] [--rounds 3]
#            [--timing-model mlp400] [--data DIR]
# Needs Open MPI (apt-get install --no-install-recommends openmpi-bin libopenmpi-dev).
set -euo pipefail
cd "$(dirname "$0")/../.."

model=mlp100 epochs=5 seeds="0 1 2" rounds=3 timing_model=mlp400 data=""
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --timing-model) timing_model=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$data" ]; then
  for candidate in data/mnist ../shared/mnist; do
    [ -e "$candidate/train-images-idx3-ubyte.gz" ] || [ -e "$candidate/train-images-idx3-ubyte" ] && { data=$candidate; break; }
  done
fi
[ -n "$data" ] || { echo "MNIST not found: pass --data DIR" >&2; exit 1; }
command -v mpirun >/dev/null || { echo "mpirun not found: apt-get install --no-install-recommends openmpi-bin libopenmpi-dev" >&2; exit 1; }

dotnet build samples/Mnist/Mnist.csproj -c Release -v q -nologo >/dev/null
sample=samples/Mnist/bin/Release/net10.0/NetGen.Samples.Mnist.dll
# mpi_yield_when_idle: a rank waiting in the allreduce yields its core instead of spinning (on a loaded machine the
# spinning rank takes the time its peer needs to arrive; here it made the allreduce 2-3x faster).
mpi=(mpirun --allow-run-as-root --oversubscribe --mca mpi_yield_when_idle 1 -np 2)
export CI=1 TERM=dumb

# The last table row's test error, and the Time column of the epoch row with index $2.
final_error() { grep '^|  ' <<<"$1" | tail -1 | awk -F'|' '{gsub(/ /, "", $6); print $6}'; }
epoch_time() { grep '^|  ' <<<"$1" | awk -F'|' -v e="$2" '{gsub(/ /, "", $2); gsub(/ /, "", $7); if ($2 == e) print $7}'; }
allreduce_last() { sed -n 's/.*; \([0-9.]*\) s in the last epoch.*/\1/p' <<<"$1"; }

if [ -n "${seeds// /}" ]; then
  echo "## Test error after $epochs epochs of $model (lr 0.2, batch 100)"
  echo
  echo "| seed | 1 process | mpirun -np 2 |"
  echo "| --- | --- | --- |"
  for seed in $seeds; do
    one=$(dotnet "$sample" --model "$model" --epochs "$epochs" --seed "$seed" --data "$data" </dev/null)
    two=$("${mpi[@]}" dotnet "$sample" --distributed --model "$model" --epochs "$epochs" --seed "$seed" --data "$data" </dev/null)
    echo "| $seed | $(final_error "$one") | $(final_error "$two") |"
  done
  echo
fi

echo "## One epoch of $timing_model (the second of two), seconds"
echo
echo "| round | 1 process x 1 thread | 1 process x 2 threads | 2 processes x 1 thread | of which rank 0 in allreduce | 2 processes without the allreduce | 1x2 threads / 1x1 | 2 processes / 1x1 |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for round in $(seq 1 "$rounds"); do
  one=$(dotnet "$sample" --model "$timing_model" --epochs 2 --data "$data" </dev/null)
  threads=$(dotnet "$sample" --model "$timing_model" --epochs 2 --threads 2 --data "$data" </dev/null)
  two=$("${mpi[@]}" dotnet "$sample" --distributed --model "$timing_model" --epochs 2 --data "$data" </dev/null)
  t1=$(epoch_time "$one" 1) t2=$(epoch_time "$threads" 1) tp=$(epoch_time "$two" 1) ar=$(allreduce_last "$two")
  awk -v r="$round" -v t1="$t1" -v t2="$t2" -v tp="$tp" -v ar="$ar" \
    'BEGIN { printf "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f |\n", r, t1, t2, tp, ar, tp - ar, t2 / t1, tp / t1 }' 
done
