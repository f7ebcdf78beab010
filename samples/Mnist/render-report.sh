#!/usr/bin/env bash
# Renders a NetGen HTML training report to a PNG with headless Chromium, offline.
#
#   samples/Mnist/render-report.sh REPORT.html OUT.png [HEIGHT]
#
# The window is 1280 CSS pixels wide. HEIGHT is its height; by default it is estimated from the report (its table
# rows and misclassified digits) so that the whole page fits, with some empty background below. The report has no scripts
# and no external resources, so the screenshot is taken as soon as the page has loaded. Chromium runs with a
# fresh, empty profile in a temporary folder and with its background networking switched off.
# If Debian's chromium is missing it is installed with apt-get (needs root).
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
    echo "usage: $0 REPORT.html OUT.png [HEIGHT]" >&2
    exit 2
fi

report=$1
out=$2
height=${3:-}

if [[ ! -f "$report" ]]; then
    echo "error: no report at '$report'" >&2
    exit 1
fi
if [[ -z "$height" ]]; then
    # About 30 px per table row, 170 px per row of nine digits, and 1600 px for the header, charts and matrix.
    rows=$({ grep -o '<tr' -- "$report" || true; } | wc -l)
    digits=$({ grep -o 'class="digit"' -- "$report" || true; } | wc -l)
    height=$(( 1600 + 30 * rows + 170 * ((digits + 8) / 9) ))
    (( height > 16000 )) && height=16000
fi
if ! [[ "$height" =~ ^[0-9]+$ ]] || (( height < 200 || height > 16000 )); then
    echo "error: HEIGHT must be a whole number of pixels from 200 to 16000, not '$height'" >&2
    exit 2
fi
out_dir=$(dirname -- "$out")
if [[ ! -d "$out_dir" ]]; then
    echo "error: the output folder '$out_dir' does not exist" >&2
    exit 1
fi

browser=""
for candidate in chromium chromium-browser; do
    if command -v "$candidate" >/dev/null 2>&1; then
        browser=$(command -v "$candidate")
        break
    fi
done
if [[ -z "$browser" ]]; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "error: chromium is not installed; run 'apt-get install -y chromium' as root" >&2
        exit 1
    fi
    echo "chromium is not installed; installing Debian's chromium with apt-get ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends chromium
    browser=$(command -v chromium)
fi

report_abs=$(realpath -- "$report")
out_abs=$(realpath -- "$out_dir")/$(basename -- "$out")
# A file URL: percent-encode the characters that would otherwise end or change the path.
url_path=${report_abs//%/%25}
url_path=${url_path// /%20}
url_path=${url_path//#/%23}
url_path=${url_path//\?/%3F}
profile=$(mktemp -d "${TMPDIR:-/tmp}/netgen-chromium-XXXXXX")
trap 'rm -rf -- "$profile"' EXIT

rm -f -- "$out_abs"
"$browser" \
    --headless \
    --no-sandbox \
    --disable-gpu \
    --no-first-run \
    --disable-background-networking \
    --disable-component-update \
    --disable-sync \
    --disable-quic \
    --disable-extensions \
    --hide-scrollbars \
    --force-device-scale-factor=1 \
    --user-data-dir="$profile" \
    --screenshot="$out_abs" \
    --window-size=1280,"$height" \
    "file://$url_path" >"$profile/chromium.log" 2>&1 || {
        echo "error: chromium failed; its output:" >&2
        cat "$profile/chromium.log" >&2
        exit 1
    }

if [[ ! -s "$out_abs" ]]; then
    echo "error: chromium wrote no screenshot; its output:" >&2
    cat "$profile/chromium.log" >&2
    exit 1
fi
echo "wrote $out_abs (1280x$height)"
