#!/usr/bin/env bash
# Fashion-MNIST into data/fashion/: the same as data/fetch-mnist.sh --dataset fashion (see --help).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/fetch-mnist.sh" --dataset fashion "$@"
