#!/usr/bin/env bash
# CartPole-v1 DQN, NetGen against PyTorch: the same algorithm, hyperparameters and seeds, one seed after another,
# NetGen then PyTorch for each seed (interleaved, so a change in the machine's load hits both), in one run. Prints
# each run's progress and a Markdown table: the episode at which each solved (mean return >= 475 over the last 100),
# the wall time to get there, the mean time of one training step, and PyTorch / NetGen ratios.
# Installs Debian's python3-torch and python3-numpy if missing.
# Usage: samples/CartPole/compare.sh [--seeds 1,2] [--max-episodes 1000]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
seeds=1,2
max_episodes=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds=$2; shift 2 ;;
    --max-episodes) max_episodes=$2; shift 2 ;;
    *) echo "Unknown option '$1'. Usage: $0 [--seeds 1,2] [--max-episodes 1000]" >&2; exit 2 ;;
  esac
done

packages=(python3-numpy python3-torch)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet build "$here/CartPole.csproj" -c Release -v quiet >&2
netgen=(dotnet "$here/bin/Release/net10.0/NetGen.Samples.CartPole.dll")
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

echo "Load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for seed in ${seeds//,/ }; do
  "${netgen[@]}" --seeds "$seed" --max-episodes "$max_episodes" --progress 100 | tee -a "$log/netgen.txt"
  # torch at one thread: the fastest setting for a 64-wide network (a second thread only adds synchronization).
  /usr/bin/python3 "$here/cartpole_torch.py" --seeds "$seed" --max-episodes "$max_episodes" --progress 100 --threads 1 | tee -a "$log/torch.txt"
done
echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# "Seed 1: solved at episode 744, 165637 environment steps, ..., wall time 24.74 s, 148.4 us per training step"
row() { # framework file seed
  grep "^Seed $3: " "$2" | sed -E 's/^Seed ([0-9]+): (solved at episode ([0-9]+)|not solved in ([0-9]+) episodes[^,]*), ([0-9]+) environment steps, .*wall time ([0-9.]+) s, ([0-9.]+) us per training step$/\3|\4|\5|\6|\7/'
}
echo
echo "| Seed | NetGen: solved at episode | wall time (s) | per training step (us) | PyTorch: solved at episode | wall time (s) | per training step (us) | PyTorch / NetGen, per step |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for seed in ${seeds//,/ }; do
  IFS='|' read -r ne nn _ nw np <<<"$(row NetGen "$log/netgen.txt" "$seed")"
  IFS='|' read -r te tn _ tw tp <<<"$(row PyTorch "$log/torch.txt" "$seed")"
  ratio=$(awk -v a="$tp" -v b="$np" 'BEGIN { printf "%.1fx", a / b }')
  echo "| $seed | ${ne:-not solved in $nn} | $nw | $np | ${te:-not solved in $tn} | $tw | $tp | $ratio |"
done
