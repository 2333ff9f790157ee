#!/usr/bin/env bash
# What ucdiag costs: tshark on one large generated capture (mostly UC media,
# plus TCP, DNS and DHCP INFORM/ACK), with and without the plugin, in the same
# run, several times each, alternating so that drift hits both alike. Reports
# the median wall time and peak RSS of each and their ratios.
#
#   scripts/benchmark.sh [PACKETS] [REPEATS]     defaults: 1000000 5
#
# Modes:
#   plain    tshark -r FILE                        (the summary lines)
#   fields   tshark -r FILE -T fields -e frame.number -e ip.dsfield.dscp -e udp.srcport
#   z        with ucdiag: tshark -q -r FILE -z conv,udp -z ucdiag,qos; without: the same less
#            -z ucdiag,qos. (tshark -q with no tap skips dissection altogether, so a
#            table both runs build keeps the comparison about dissection.)
# Targets: time and RSS ratios at most 1.05 (aim 1.02).
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

. "$(dirname "$0")/../tests/lib.sh"
cd "$UCD_ROOT"
PACKETS=${1:-1000000}
REPEATS=${2:-5}
BUILD=${UCD_BUILD:-$UCD_ROOT/build}

scripts/install-deps.sh
if [ ! -x /usr/bin/time ]; then
    sudo=()
    [ "$(id -u)" = 0 ] || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"$(nproc)" >/dev/null
ucd_stage "$BUILD"
trap ucd_unstage EXIT
mkdir -p "$UCD_STAGE/no-plugins"
cap=$UCD_STAGE/work/bench.pcap
"$BUILD/ucdiag-gencap" --bench "$PACKETS" "$cap"
chmod a+r "$cap"
echo "capture: $(stat -c %s "$cap") bytes, $PACKETS packets; Wireshark $(ucd_ws_mm); $REPEATS runs each"

# measure WITH(1/0) MODE -> "seconds:kilobytes"
measure() {
    local with=$1 mode=$2 out=$UCD_STAGE/work/time.$$ args=()
    case $mode in
        plain) args=(-r "$cap") ;;
        fields) args=(-r "$cap" -T fields -e frame.number -e ip.dsfield.dscp -e udp.srcport) ;;
        z) if [ "$with" = 1 ]; then args=(-q -r "$cap" -z conv,udp -z ucdiag,qos); else args=(-q -r "$cap" -z conv,udp); fi ;;
    esac
    rm -f "$out"
    touch "$out"
    chmod a+rw "$out"
    if [ "$with" = 1 ]; then
        UCD_WRAP="/usr/bin/time -f %e:%M -o $out" ucd_tshark "${args[@]}" >/dev/null 2>&1
    else
        UCD_WRAP="/usr/bin/time -f %e:%M -o $out" ucd_tshark_plain "${args[@]}" >/dev/null 2>&1
    fi
    tail -n1 "$out"
}

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# The plugin must really be active in the "with" runs, or the ratios mean nothing.
got=$(ucd_tshark -r "$cap" -c 20000 -Y 'ucdiag.qos.dscp' -T fields -e frame.number | wc -l)
[ "$got" -gt 1000 ] || { echo "the plugin classified only $got of the first 20000 packets" >&2; exit 1; }

printf '\n%-7s %10s %10s %7s   %10s %10s %7s\n' mode "time w/o" "time with" ratio "RSS w/o" "RSS with" ratio
for mode in plain fields z; do
    : >"$UCD_STAGE/work/t0"; : >"$UCD_STAGE/work/t1"; : >"$UCD_STAGE/work/m0"; : >"$UCD_STAGE/work/m1"
    for _ in $(seq "$REPEATS"); do
        for with in 0 1; do
            r=$(measure "$with" "$mode")
            echo "${r%%:*}" >>"$UCD_STAGE/work/t$with"
            echo "${r##*:}" >>"$UCD_STAGE/work/m$with"
        done
    done
    t0=$(median <"$UCD_STAGE/work/t0"); t1=$(median <"$UCD_STAGE/work/t1")
    m0=$(median <"$UCD_STAGE/work/m0"); m1=$(median <"$UCD_STAGE/work/m1")
    awk -v m="$mode" -v t0="$t0" -v t1="$t1" -v m0="$m0" -v m1="$m1" 'BEGIN {
        printf "%-7s %9.2fs %9.2fs %7.3f   %8.0fMB %8.0fMB %7.3f\n", m, t0, t1, t1 / t0, m0 / 1024, m1 / 1024, m1 / m0 }'
done
