#!/usr/bin/env bash
# The whole ucdiag test suite: build (warnings are errors), unit tests of the
# pure logic, tshark over every sample capture against reviewed expectations,
# and a bounded sanitizer run over corrupted and random input.
#
#   tests/run.sh                 everything
#   UCD_FUZZ_SECONDS=60 tests/run.sh   a longer sanitizer run (default 20)
#   UCD_KEEP_WORK=DIR tests/run.sh     keep tshark's outputs in DIR for review
#   UCD_INSTALLED=1 tests/run.sh       tshark checks against the installed plugin
#                                      and profile (the Debian package)
#   UCD_BUILD=DIR UCD_BUILD_SAN=DIR tests/run.sh   build trees (default build/,
#                                      build-sanitize/)
#   UCD_PARTS="captures window" tests/run.sh   only these parts (names of
#                                      tests/suite/ files without .sh, and
#                                      training, sanitize); the build always
#   UCD_SKIP_SANITIZE=1 tests/run.sh   everything but the sanitizer pass (CI's
#                                      4.4 and 4.6 runs: the 4.0 run has it)
#
# Ends with "N passed, N failed" and exits non-zero on any failure.
#
# This file builds, stages the plugin and then sources one file per concern
# from tests/suite/, in a fixed order: later files read what earlier ones
# wrote (the QoS scope reuses the QoS captures' list, the window checks read
# every PDML kept before them). Counting and the shared helpers are in
# tests/suite/common.sh. The training pack and the sanitizers are scripts of
# their own (tests/training.sh, tests/sanitize.sh) that also run alone.
# SPDX-License-Identifier: GPL-2.0-or-later
set -uo pipefail

. "$(dirname "$0")/lib.sh"
SUITE=$UCD_ROOT/tests/suite
. "$SUITE/common.sh"
cd "$UCD_ROOT"

"$UCD_ROOT/scripts/install-deps.sh" || { echo "could not install dependencies" >&2; exit 1; }

BUILD=${UCD_BUILD:-$UCD_ROOT/build}
BUILD_SAN=${UCD_BUILD_SAN:-$UCD_ROOT/build-sanitize}
FUZZ_SECONDS=${UCD_FUZZ_SECONDS:-20}
EXPECTED=$UCD_ROOT/tests/expected

# ---- build ----
echo "# Wireshark $(ucd_ws_mm), build in $BUILD"
if ! cmake -S "$UCD_ROOT" -B "$BUILD" -DUCDIAG_WERROR=ON >"$BUILD.log" 2>&1 ||
   ! cmake --build "$BUILD" -j"$(nproc)" >>"$BUILD.log" 2>&1; then
    cat "$BUILD.log"
    fail "build with -Wall -Wextra -Werror"
    finish
fi
pass "build with -Wall -Wextra -Werror"

echo "# (build: $SECONDS s)"

# wanted NAME: is this part to run (UCD_PARTS)?
wanted() { [ -z "${UCD_PARTS:-}" ] || [[ " $UCD_PARTS " == *" $1 "* ]]; }
# part FILE: sources tests/suite/FILE where wanted, and says its wall time, so
# that a slow one shows in CI's log (the run has a 30-minute budget).
part() {
    local t0=$SECONDS
    wanted "${1%.sh}" || return 0
    . "$SUITE/$1"
    echo "# ($1: $((SECONDS - t0)) s)"
}
[ -z "${UCD_PARTS:-}" ] || echo "# UCD_PARTS: only $UCD_PARTS"

part unit.sh  # unit tests (ctest), the captures are gencap's
part layout.sh  # the floors of the code, file and function sizes

# ---- everything below runs tshark with the staged plugin ----
ucd_stage "$BUILD" || { fail "stage the plugin"; finish; }
part plugin.sh  # it loads; the README names what it registers
part captures.sh  # every capture against tests/expected, filters
part qos.sh  # QoS by the port plan, under every preset
part qos-scope.sh  # whose media QoS judges
part inform.sh  # DHCPINFORM
part bootstrap.sh  # the phone bootstrap timeline
part flow.sh  # the "UC bootstrap" Flow Graph type
part certs.sh  # UC servers' certificates
part relays.sh  # media relays: TURN / MS-TURN allocations
part time.sh  # timestamps no clock shows
part window.sh  # -z expert, label limit, packet list, profile
part option43.sh  # option 43 (msuc): preferences, other vendors, -2
part limits.sh  # tracking limits of hosts, clients and flows
part pipeline.sh  # -z ucdiag,findings and ucdiag,records: JSON lines in one pass
part tables.sh  # the -z tables: each row's filter, each title's flagged count
part scan.sh  # ucdiag-scan: a folder of captures, exit codes, refused options
part readme.sh  # what the README quotes is what tshark prints today

# ---- the training pack: lessons' answers, READMEs, captures ----
if wanted training; then
    t0=$SECONDS
    while IFS= read -r line; do
        case $line in
            "ok - "*) pass "${line#ok - }" ;;
            "FAIL - "*) fail "${line#FAIL - }" ;;
            *) echo "$line" ;;
        esac
    done < <("$UCD_ROOT/tests/training.sh")
    echo "# (training.sh: $((SECONDS - t0)) s)"
fi

# ---- sanitizers: corrupted and random input ----
# They run a sanitized build of the plugin, never an installed one: the run
# against the build tree has them.
if [ "${UCD_INSTALLED:-}" = 1 ]; then
    echo "# (UCD_INSTALLED=1: the sanitizer pass runs with the build tree's plugin, not here)"
elif [ "${UCD_SKIP_SANITIZE:-}" = 1 ]; then
    echo "# (UCD_SKIP_SANITIZE=1: no sanitizer pass in this run)"
elif wanted sanitize; then
    t0=$SECONDS
    "$UCD_ROOT/tests/sanitize.sh" "$BUILD_SAN" "$FUZZ_SECONDS"
    san_rc=$?
    echo "# (sanitize.sh: $((SECONDS - t0)) s)"
    case $san_rc in
        0) pass "ASan+UBSan: fuzzed logic, editcap -E corruption and random option 43, zero reports" ;;
        *) fail "ASan+UBSan: fuzzed logic, editcap -E corruption and random option 43, zero reports" ;;
    esac
fi

finish
