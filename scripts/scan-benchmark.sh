#!/usr/bin/env bash
# What ucdiag-scan's jobs buy: the repository's captures, each read by the
# tshark command ucdiag-scan runs, one after another pinned to one core;
# then ucdiag-scan over the same captures with --jobs 1 and --jobs N (the
# cores). The target (issue 21): --jobs N takes no longer than the pinned
# run divided by N. For comparison it also times the same tshark commands N
# at a time with xargs -P N and nothing else, which shows what the machine
# itself gives to N processes side by side.
#
#   scripts/scan-benchmark.sh [REPEATS]      default 3: the median of each
#   UCD_BUILD=DIR                            the build to load (default build/)
#
# Wall time: run it on a machine with nothing else busy. Prints OVER and
# exits 1 when --jobs N misses the target.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

. "$(dirname "$0")/../tests/lib.sh"
cd "$UCD_ROOT"
REPEATS=${1:-3}
BUILD=${UCD_BUILD:-$UCD_ROOT/build}
JOBS=$(nproc)
command -v taskset >/dev/null || { echo "scan-benchmark: taskset (util-linux) is needed" >&2; exit 2; }
[ -f "$BUILD/plugins/$(ucd_ws_mm)/epan/ucdiag.so" ] || cmake --build "$BUILD" -j"$JOBS" >/dev/null

ucd_stage "$BUILD"
trap ucd_unstage EXIT
# The suite's way to give ucdiag-scan a tshark that loads the staged plugin
# (and drops root): the same wrapper on every side of the comparison.
cat >"$UCD_STAGE/tshark" <<EOF
#!/usr/bin/env bash
. "$UCD_ROOT/tests/lib.sh"
UCD_STAGE=$UCD_STAGE
ucd_tshark "\$@"
EOF
chmod a+rx "$UCD_STAGE/tshark"
mapfile -d '' caps < <(find test-captures -type f \( -name '*.pcap' -o -name '*.pcapng' \) -print0 | sort -z)
out=$UCD_STAGE/work/scan-out

one_tshark() { "$UCD_STAGE/tshark" -r "$1" -q -z ucdiag,findings -z ucdiag,records >/dev/null 2>&1 || true; }
export -f one_tshark
export UCD_STAGE

seconds() {   # seconds COMMAND...: wall time of the command, in seconds
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }'
}
pinned() { for c in "${caps[@]}"; do taskset -c 0 bash -c 'one_tshark "$1"' _ "$c"; done; }
side_by_side() { printf '%s\0' "${caps[@]}" | xargs -0 -n 1 -P "$JOBS" bash -c 'one_tshark "$1"' _; }
scan() { UCDIAG_SCAN_TSHARK=$UCD_STAGE/tshark scripts/ucdiag-scan --jobs "$1" --out "$out" test-captures; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -A runs
for ((r = 1; r <= REPEATS; r++)); do
    runs[pinned]+="$(seconds pinned) "
    runs[scan1]+="$(seconds scan 1) "
    runs[scanN]+="$(seconds scan "$JOBS") "
    runs[xargs]+="$(seconds side_by_side) "
done
for k in pinned scan1 scanN xargs; do
    eval "$k=\$(printf '%s\n' \${runs[$k]} | median)"
done
target=$(awk -v p="$pinned" -v n="$JOBS" 'BEGIN { printf "%.2f", p / n }')
echo "${#caps[@]} captures, $JOBS cores, median of $REPEATS (seconds):"
printf '  %-44s %7s   (runs: %s)\n' "tshark one after another, pinned to one core" "$pinned" "${runs[pinned]% }" \
    "ucdiag-scan --jobs 1" "$scan1" "${runs[scan1]% }" \
    "ucdiag-scan --jobs $JOBS" "$scanN" "${runs[scanN]% }" \
    "the same tshark runs, xargs -P $JOBS" "$xargs" "${runs[xargs]% }"
printf '  %-44s %7s\n' "target for --jobs $JOBS (pinned / $JOBS)" "$target"
if awk -v s="$scanN" -v t="$target" 'BEGIN { exit !(s > t) }'; then
    echo "OVER: ucdiag-scan --jobs $JOBS took $scanN s, over $target s"
    exit 1
fi
echo "ok: ucdiag-scan --jobs $JOBS within pinned / $JOBS"
