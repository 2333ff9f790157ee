#!/usr/bin/env bash
# Bad input under AddressSanitizer and UndefinedBehaviorSanitizer, for a
# bounded time:
#   1. random and mutated bytes straight into the pure parsers (tests/fuzz:
#      the protocol readers, the state machines, msuc/DHCP/frame parsing);
#   2. tshark with the sanitized plugin over editcap -E corruptions of every
#      sample capture, with -z ucdiag,findings and ucdiag,records listening;
#   3. tshark over ACKs whose option 43 (and 120, 250) are random bytes;
#   4. tshark over a pcapng whose timestamps no clock shows.
# Exits 0 only with zero sanitizer reports and zero crashes.
#
#   tests/sanitize.sh BUILD_DIR SECONDS
# SPDX-License-Identifier: GPL-2.0-or-later
set -uo pipefail

. "$(dirname "$0")/lib.sh"
BUILD=${1:?build directory}
SECONDS_BUDGET=${2:-20}
status=0

if ! cmake -S "$UCD_ROOT" -B "$BUILD" -DUCDIAG_SANITIZE=ON -DUCDIAG_WERROR=ON >"$BUILD.log" 2>&1 ||
   ! cmake --build "$BUILD" -j"$(nproc)" >>"$BUILD.log" 2>&1; then
    cat "$BUILD.log"
    echo "sanitize: the sanitized build failed"
    exit 1
fi

export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# 1. the parsers alone, a third of the budget shared by the harnesses: the
# protocol readers, the state machines, and msuc/DHCP/frame parsing.
fuzzers="fuzz_readers fuzz_logic fuzz_msuc_logic"
tenths=$(( (SECONDS_BUDGET / 3 + 1) * 10 / 3 ))
each="$((tenths / 10)).$((tenths % 10))"
for fuzzer in $fuzzers; do
    "$BUILD/$fuzzer" "$each" 2>"$BUILD/$fuzzer.err"
    rc=$?
    if [ $rc -ne 0 ] || grep -qE 'runtime error|AddressSanitizer' "$BUILD/$fuzzer.err"; then
        head -40 "$BUILD/$fuzzer.err"
        echo "sanitize: $fuzzer failed (exit $rc)"
        status=1
    fi
done

# 2 to 4: tshark is not instrumented, so the ASan runtime is preloaded for
# the plugin's sake; leaks are Wireshark's business, not checked here.
ucd_stage "$BUILD" || exit 1
UCD_PRELOAD=$(gcc -print-file-name=libasan.so)
export UCD_PRELOAD
run_one() { # capture [tshark options, instead of the default] -> 0 when clean
    local err=$UCD_STAGE/work/err cap=$1
    shift
    # A hang is a failure too: timeout's 124 falls in the same test.
    # -2 too: the INFORM analysis reads its transactions back on the second pass.
    # The JSON taps too: each finding's words and subject, the tables' copies.
    [ $# -gt 0 ] || set -- -2 -V -z ucdiag,findings -z ucdiag,records
    timeout 300 bash -c '. "$0"; f=$1; shift; ucd_tshark -r "$f" "$@"' \
        "$UCD_ROOT/tests/lib.sh" "$cap" "$@" >/dev/null 2>"$err"
    local rc=$?
    if [ $rc -gt 2 ] || grep -qE 'runtime error|AddressSanitizer|Segmentation|Aborted' "$err"; then
        echo "sanitize: report on $(basename "$cap") ($*, exit $rc):"
        head -40 "$err"
        return 1
    fi
    return 0
}

# Sanity: the sanitized plugin really decodes, or a clean run proves nothing.
# It cannot load without the ASan runtime, so this also proves that is active.
# (tshark -G hangs under a preloaded ASan runtime, so a capture is read instead.)
got=$(timeout 120 bash -c '. "$0"; ucd_tshark -r "$UCD_STAGE/captures/msuc-inform-ack.pcap" -Y msuc -T fields -e frame.number' \
          "$UCD_ROOT/tests/lib.sh" 2>&1)
if [ "$got" != 2 ]; then
    echo "sanitize: the sanitized plugin does not decode under the preloaded ASan runtime: $got"
    exit 1
fi

seed=1
files=0
# Timestamps no clock shows (tests/suite/time.sh): 2^63 ns, an if_tsoffset of
# 2^62 s, an ACK 53 years before its INFORM. Every time computed from them
# once overflowed.
"$BUILD/ucdiag-gencap" --absurd-time "$UCD_STAGE/work/absurd-time.pcapng"
chmod a+r "$UCD_STAGE/work/absurd-time.pcapng"
run_one "$UCD_STAGE/work/absurd-time.pcapng" || status=1
files=$((files + 1))

deadline=$((SECONDS + SECONDS_BUDGET * 2 / 3 + 1))
random_done=0
while [ $SECONDS -lt $deadline ] || [ $random_done = 0 ]; do
    if [ $random_done = 0 ]; then
        "$BUILD/ucdiag-gencap" --random 3000 "$((seed * 7919))" "$UCD_STAGE/work/random.pcap"
        chmod a+r "$UCD_STAGE/work/random.pcap"
        run_one "$UCD_STAGE/work/random.pcap" || status=1
        # With no tree, no columns and no one listening for expert info
        # (a tap that needs neither keeps tshark -q dissecting), the
        # option-43 decoder answers a value it read just before from what
        # it kept: random values, bad ones, and a server's ACKs seen twice.
        for cap in "$UCD_STAGE/work/random.pcap" "$UCD_STAGE/captures/msuc-bad-values.pcap" \
                   "$UCD_STAGE"/captures/lab/inform-*-merged.pcap; do
            run_one "$cap" -q -z conv,udp || status=1
        done
        random_done=1
        files=$((files + 1))
    fi
    for cap in "$UCD_STAGE"/captures/*.pcap "$UCD_STAGE"/captures/lab/inform-*-merged.pcap \
               "$UCD_STAGE"/captures/lab/relay-*.pcap "$UCD_STAGE"/captures/lab/cert-*.pcap; do
        out=$UCD_STAGE/work/corrupt.pcap
        editcap -E 0.03 --seed "$seed" "$cap" "$out" >/dev/null 2>&1 || continue
        chmod a+r "$out"
        run_one "$out" || { status=1; cp "$out" "$BUILD/crash-$seed-$(basename "$cap")"; }
        files=$((files + 1))
    done
    seed=$((seed + 1))
    [ $status = 0 ] || break
done
ucd_unstage
echo "sanitize: $files corrupted or random captures through tshark, seeds 1-$((seed - 1)), status $status"
exit $status
