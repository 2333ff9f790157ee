#!/usr/bin/env bash
# What ucdiag costs: tshark with and without the plugin, in the same run, on
# two captures:
#   bench   a large generated UC capture (mostly UC media, plus TCP, DNS and
#           DHCP INFORM/ACK; every INFORM a new phone)
#   real    real captures anyone can rebuild (scripts/real-corpus.sh:
#           Wireshark's own test captures and the labs' recordings)
# For each capture and mode it reports the instructions tshark executes per
# packet (callgrind over the first INSTRUCTIONS packets: dissection, taps,
# freeing the tree and writing fields; exact and repeatable) and peak RSS
# (median of REPEATS runs, alternating with and without, with wall and CPU
# time for information). Then the floods.
#
#   scripts/benchmark.sh [PACKETS] [REPEATS]     defaults: 1000000 3
#   UCD_BENCH_INSTRUCTIONS=N     callgrind over the first N packets of each
#                                capture (default 100000; 0: none)
#   UCD_BENCH_REAL=N             the real corpus's packets (default 100000; 0: none)
#   UCD_BENCH_MODES="plain"      only these of the modes below ("" for none: the
#                                flood checks alone)
#   UCD_BENCH_FLOODS="syn stun"  only these floods (dhcp syn inform lldp stun tls relay)
#   UCD_BENCH_FLOOD_SMALL, UCD_BENCH_FLOOD_LARGE   the floods' packets (100000, and
#                                1000000 for the retry flood's growth per packet)
#
# Wireshark seeds its hash tables from a random number at start-up, which
# moves callgrind's counts by about 0.6% from run to run; both sides run with
# the same fixed seed (scripts/bench-seed.c, preloaded), so that the ratios
# repeat. Wall time on a shared machine varies by several per cent from run
# to run: instructions and peak RSS are the figures that settle the targets.
#
# Modes:
#   plain    tshark -r FILE                        (the summary lines)
#   fields   tshark -r FILE -T fields -e frame.number -e ip.dsfield.dscp -e udp.srcport
#   z        with ucdiag: tshark -q -r FILE -z conv,udp -z ucdiag,qos; without: the same less
#            -z ucdiag,qos. (tshark -q with no tap skips dissection altogether, so a
#            table both runs build keeps the comparison about dissection.)
# Targets: instruction and RSS ratios at most 1.02 in every mode on both
# captures. Floods (every packet a new host, client or flow; see
# ucdiag-gencap --KIND-flood): peak RSS with the plugin at most 1.10 times
# without. The script says OVER for a ratio above its target and exits
# non-zero at the end.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

. "$(dirname "$0")/../tests/lib.sh"
cd "$UCD_ROOT"
PACKETS=${1:-1000000}
REPEATS=${2:-3}
BUILD=${UCD_BUILD:-$UCD_ROOT/build}
INSTRUCTIONS=${UCD_BENCH_INSTRUCTIONS:-100000}
REAL=${UCD_BENCH_REAL:-100000}
MODES=${UCD_BENCH_MODES-plain fields z}
over=0

scripts/install-deps.sh
need=()
[ -x /usr/bin/time ] || need+=(time)
[ "$INSTRUCTIONS" = 0 ] || command -v valgrind >/dev/null || need+=(valgrind)
if [ "${#need[@]}" -gt 0 ]; then
    sudo=()
    [ "$(id -u)" = 0 ] || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"$(nproc)" >/dev/null
ucd_stage "$BUILD"
trap ucd_unstage EXIT
mkdir -p "$UCD_STAGE/no-plugins"
seed=$UCD_STAGE/work/bench-seed.so
# shellcheck disable=SC2046
cc -shared -fPIC -O2 -o "$seed" scripts/bench-seed.c $(pkg-config --cflags --libs glib-2.0)
chmod a+r "$seed"

declare -A caps
caps[bench]=$UCD_STAGE/work/bench.pcap
"$BUILD/ucdiag-gencap" --bench "$PACKETS" "${caps[bench]}"
order=(bench)
if [ "$REAL" != 0 ]; then
    caps[real]=$UCD_STAGE/work/real.pcapng
    scripts/real-corpus.sh "${caps[real]}" "$REAL"
    order+=(real)
fi
chmod a+r "$UCD_STAGE"/work/*.pcap*
echo "Wireshark $(ucd_ws_mm); bench: $PACKETS packets; RSS: median of $REPEATS runs each"

# mode_args WITH(1/0) MODE CAPTURE -> the tshark arguments, one per line
mode_args() {
    local with=$1 mode=$2 file=$3
    case $mode in
        plain) printf '%s\n' -r "$file" ;;
        fields) printf '%s\n' -r "$file" -T fields -e frame.number -e ip.dsfield.dscp -e udp.srcport ;;
        z) printf '%s\n' -q -r "$file" -z conv,udp; [ "$with" = 1 ] && printf '%s\n' -z ucdiag,qos ;;
    esac
    return 0
}

# run_tshark WITH(1/0) ARGS...: tshark with or without the plugin (UCD_WRAP in front)
run_tshark() {
    local with=$1
    shift
    if [ "$with" = 1 ]; then ucd_tshark "$@" >/dev/null 2>&1; else ucd_tshark_plain "$@" >/dev/null 2>&1; fi
}

# measure WITH(1/0) MODE CAPTURE -> "wall:cpu:kilobytes"
measure() {
    local with=$1 mode=$2 out=$UCD_STAGE/work/time.$$ args=()
    mapfile -t args < <(mode_args "$with" "$mode" "$3")
    rm -f "$out"
    touch "$out"
    chmod a+rw "$out"
    UCD_WRAP="/usr/bin/time -f %e:%U:%S:%M -o $out" run_tshark "$with" "${args[@]}"
    tail -n1 "$out" | awk -F: '{printf "%s:%.2f:%s\n", $1, $2 + $3, $4}'
}

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# mark RATIO LIMIT: sets $v to " OVER" (and marks the run failed) when the
# ratio is above its target, else to ""
mark() {
    v=
    if awk -v r="$1" -v l="$2" 'BEGIN { exit !(r > l) }'; then
        over=1
        v=" OVER"
    fi
}

# The plugin must really be active in the "with" runs, or the ratios mean nothing.
got=$(ucd_tshark -r "${caps[bench]}" -c 20000 -Y 'ucdiag.qos.dscp' -T fields -e frame.number | wc -l)
[ "$got" -gt $((PACKETS < 20000 ? PACKETS / 20 : 1000)) ] ||
    { echo "the plugin classified only $got of the first 20000 packets" >&2; exit 1; }

# Instructions: exact and repeatable.
if [ "$INSTRUCTIONS" != 0 ] && [ -n "$MODES" ]; then
    printf '\ninstructions over the first %s packets (callgrind, seeded): dissection, taps, tree, fields\n' \
        "$INSTRUCTIONS"
    printf '%-6s %-7s %16s %16s %7s\n' capture mode "w/o" "with" ratio
    toggles=(--toggle-collect=epan_dissect_run_with_taps --toggle-collect=epan_dissect_reset
             --toggle-collect=epan_dissect_cleanup --toggle-collect=write_fields_proto_tree)
    for c in "${order[@]}"; do
        slice=$UCD_STAGE/work/slice-$c.pcapng
        editcap -F pcapng -r "${caps[$c]}" "$slice" "1-$INSTRUCTIONS" >/dev/null
        chmod a+r "$slice"
        for mode in $MODES; do
            declare -A ir=()
            for with in 0 1; do
                mapfile -t args < <(mode_args "$with" "$mode" "$slice")
                rm -f "$UCD_STAGE/work/cg.$with"
                UCD_PRELOAD_SEED=$seed UCD_WRAP="valgrind --tool=callgrind ${toggles[*]}
                    --callgrind-out-file=$UCD_STAGE/work/cg.$with" run_tshark "$with" "${args[@]}"
                ir[$with]=$(sed -n 's/^summary: //p' "$UCD_STAGE/work/cg.$with")
            done
            r=$(awk -v a="${ir[0]}" -v b="${ir[1]}" 'BEGIN { printf "%.4f", b / a }')
            mark "$r" 1.02
            printf '%-6s %-7s %16s %16s %7s%s\n' "$c" "$mode" "${ir[0]}" "${ir[1]}" "$r" "$v"
        done
    done
fi

# Peak RSS, with wall and CPU time for information.
if [ -n "$MODES" ]; then
    printf '\npeak RSS (and wall, CPU time), medians of %s runs each\n' "$REPEATS"
    printf '%-6s %-7s %8s %8s %7s   %8s %8s %6s   %8s %8s %6s\n' capture mode "RSS w/o" "RSS with" ratio \
        "wall w/o" "with" ratio "CPU w/o" "with" ratio
fi
for c in "${order[@]}"; do
    for mode in $MODES; do
        for f in w0 w1 c0 c1 m0 m1; do : >"$UCD_STAGE/work/$f"; done
        for _ in $(seq "$REPEATS"); do
            for with in 0 1; do
                IFS=: read -r wall cpu rss < <(measure "$with" "$mode" "${caps[$c]}")
                echo "$wall" >>"$UCD_STAGE/work/w$with"
                echo "$cpu" >>"$UCD_STAGE/work/c$with"
                echo "$rss" >>"$UCD_STAGE/work/m$with"
            done
        done
        m0=$(median <"$UCD_STAGE/work/m0")
        m1=$(median <"$UCD_STAGE/work/m1")
        r=$(awk -v a="$m0" -v b="$m1" 'BEGIN { printf "%.3f", b / a }')
        mark "$r" 1.02
        awk -v c="$c" -v m="$mode" -v w0="$(median <"$UCD_STAGE/work/w0")" -v w1="$(median <"$UCD_STAGE/work/w1")" \
            -v c0="$(median <"$UCD_STAGE/work/c0")" -v c1="$(median <"$UCD_STAGE/work/c1")" \
            -v m0="$m0" -v m1="$m1" -v r="$r" -v v="$v" 'BEGIN {
            printf "%-6s %-7s %6.0fMB %6.0fMB %7s%s   %7.2fs %7.2fs %6.3f   %7.2fs %7.2fs %6.3f\n",
                   c, m, m0 / 1024, m1 / 1024, r, v, w0, w1, w1 / w0, c0, c1, c1 / c0 }'
    done
done

# The UC Diagnostics profile hands judged media to Wireshark's RTP dissector
# (ucdiag.qos_decode_rtp, off by default): Wireshark then dissects the bench's
# media as SRTP instead of trying every UDP heuristic on it, which costs
# fewer instructions, and the RTP dissector keeps state for every media
# packet, which costs memory that grows with packets. Shown for information,
# beside the default's figures; not a target of the plugin's own cost.
if [ -n "$MODES" ] && [ "${UCD_BENCH_HANDOFF:-1}" = 1 ]; then
    : >"$UCD_STAGE/work/m0"; : >"$UCD_STAGE/work/m1"
    for _ in $(seq "$REPEATS"); do
        IFS=: read -r _ _ rss < <(measure 0 plain "${caps[bench]}")
        echo "$rss" >>"$UCD_STAGE/work/m0"
        out=$UCD_STAGE/work/time.$$
        rm -f "$out"; touch "$out"; chmod a+rw "$out"
        UCD_WRAP="/usr/bin/time -f %M -o $out" run_tshark 1 -o ucdiag.qos_decode_rtp:TRUE -r "${caps[bench]}"
        tail -n1 "$out" >>"$UCD_STAGE/work/m1"
    done
    m0=$(median <"$UCD_STAGE/work/m0")
    m1=$(median <"$UCD_STAGE/work/m1")
    awk -v a="$m0" -v b="$m1" 'BEGIN { printf "\nwith the profile'"'"'s RTP hand-off (ucdiag.qos_decode_rtp:TRUE), bench plain: peak RSS %.0fMB -> %.0fMB, %.3f (information: Wireshark'"'"'s RTP state per media packet)\n", a / 1024, b / 1024, b / a }'
fi

# Floods: captures where every packet is a new host, client or flow (and
# the DHCPINFORM retry flood of 200 phones on both sides of a relay). Each
# table the plugin keeps has a tracking limit, so each flood may add at most
# 10% to tshark's own peak RSS at FLOOD_SMALL packets (-2, so that both
# passes keep their state).
FLOOD_SMALL=${UCD_BENCH_FLOOD_SMALL:-100000}
FLOOD_LARGE=${UCD_BENCH_FLOOD_LARGE:-1000000}
FLOOD_KINDS=${UCD_BENCH_FLOODS:-dhcp syn inform lldp stun tls relay}
# flood_rss KIND PACKETS WITH(1/0) -> peak RSS in kilobytes
flood_rss() {
    local out=$UCD_STAGE/work/time.flood file=$UCD_STAGE/work/flood-$1-$2.pcap
    [ -f "$file" ] || { "$BUILD/ucdiag-gencap" "--$1-flood" "$2" "$file" && chmod a+r "$file"; }
    rm -f "$out"; touch "$out"; chmod a+rw "$out"
    if [ "$3" = 1 ]; then
        UCD_WRAP="/usr/bin/time -f %M -o $out" ucd_tshark -2 -r "$file" >/dev/null 2>&1
    else
        UCD_WRAP="/usr/bin/time -f %M -o $out" ucd_tshark_plain -2 -r "$file" >/dev/null 2>&1
    fi
    tail -n1 "$out"
}
printf '\nfloods of %s packets (-2): peak RSS\n' "$FLOOD_SMALL"
printf '%-7s %-44s %10s %10s %6s\n' flood what "w/o" "with" ratio
flood_fail=0
for kind in $FLOOD_KINDS; do
    case $kind in
        dhcp) what="INFORM retries of 200 phones, relayed" ;;
        syn) what="SYNs to a provisioning host, new sources" ;;
        inform) what="INFORMs from new MS-UC-Client clients" ;;
        lldp) what="LLDP-MED from new MACs" ;;
        stun) what="Microsoft STUN from new ports" ;;
        tls) what="TLS ClientHellos to 5061, new sources" ;;
        relay) what="TURN/MS-TURN Allocates from new clients" ;;
    esac
    a=$(flood_rss "$kind" "$FLOOD_SMALL" 0)
    b=$(flood_rss "$kind" "$FLOOD_SMALL" 1)
    awk -v k="$kind" -v w="$what" -v a="$a" -v b="$b" \
        'BEGIN { printf "%-7s %-44s %8.1fMB %8.1fMB %6.3f%s\n", k, w, a / 1024, b / 1024, b / a,
                 (b / a > 1.10) ? "  FAIL: more than 1.10" : "" }'
    awk -v a="$a" -v b="$b" 'BEGIN { exit !(b / a > 1.10) }' && flood_fail=1
    rm -f "$UCD_STAGE"/work/flood-"$kind"-*.pcap
done

# The retry flood once more, larger: state is per transaction, so peak RSS
# with the plugin must grow with the capture no faster than without it.
declare -A flood_rss
for n in "$FLOOD_SMALL" "$FLOOD_LARGE"; do
    for with in 0 1; do
        flood_rss[$n.$with]=$(flood_rss dhcp "$n" "$with")
    done
done
rm -f "$UCD_STAGE"/work/flood-dhcp-*.pcap
awk -v s="$FLOOD_SMALL" -v l="$FLOOD_LARGE" -v a0="${flood_rss[$FLOOD_SMALL.0]}" -v b0="${flood_rss[$FLOOD_LARGE.0]}" \
    -v a1="${flood_rss[$FLOOD_SMALL.1]}" -v b1="${flood_rss[$FLOOD_LARGE.1]}" 'BEGIN {
    g0 = (b0 - a0) * 1024 / (l - s); g1 = (b1 - a1) * 1024 / (l - s)
    printf "DHCPINFORM retry flood, %s to %s packets: growth per packet %.1f bytes without, %.1f with; ", s, l, g0, g1
    printf "the plugin adds %.1f bytes per packet\n", g1 - g0
    # A few bytes is the resolution of peak RSS; more is state kept per packet.
    if (g1 - g0 > 2) { print "FAIL: the plugin\047s memory grows with packets in the flood"; exit 1 } }'
[ "$flood_fail" = 0 ] || { echo "FAIL: a flood adds more than 10% to tshark's peak RSS" >&2; exit 1; }
[ "$over" = 0 ] || { echo "OVER: a ratio above its target of 1.02 (marked above)" >&2; exit 1; }
