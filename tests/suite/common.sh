# Sourced first by tests/run.sh: the counting of passes and failures, and the
# helpers and tshark options that more than one concern's file uses. Kept in
# one place so that every file reports the same way and a check means the
# same thing wherever it sits.
# SPDX-License-Identifier: GPL-2.0-or-later

passed=0
failed=0
failures=()

pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL - $1"; }
# same_as_reviewed EXPECTED ACTUAL NAME: one check, passed when what tshark
# printed is the reviewed expectation; the diff shows what changed.
same_as_reviewed() {
    if diff -u "$1" "$2"; then pass "$3"; else fail "$3"; fi
}
finish() {
    # UCD_KEEP_WORK=DIR keeps what tshark printed, for reviewing a change
    [ -n "${UCD_KEEP_WORK:-}" ] && [ -n "${UCD_STAGE:-}" ] && mkdir -p "$UCD_KEEP_WORK" &&
        cp -r "$UCD_STAGE/work/." "$UCD_KEEP_WORK/"
    ucd_unstage
    echo
    [ "$failed" -gt 0 ] && printf 'failed: %s\n' "${failures[@]}"
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

# ---- display filters: the frames a filter finds, against the frames wanted ----
filter_frames() { # capture filter [options...] -> frame numbers, comma-separated
    ucd_tshark -r "$UCD_STAGE/captures/$1" "${@:3}" -Y "$2" -T fields -e frame.number 2>&1 | paste -sd, -
}
expect_frames() { # capture filter expected description [options...]
    local got
    got=$(filter_frames "$1" "$2" "${@:5}")
    if [ "$got" = "$3" ]; then pass "$4"; else echo "  -Y '$2' on $1 gave '$got', want '$3'"; fail "$4"; fi
}
# The same with the description first, for checks that pass tshark options.
expect_frames_opt() { # description expected capture filter tshark-options...
    local desc=$1 want=$2 cap=$3 flt=$4 got
    shift 4
    got=$(ucd_tshark -r "$UCD_STAGE/captures/$cap" "$@" -Y "$flt" -T fields -e frame.number 2>&1 | paste -sd, -)
    if [ "$got" = "$want" ]; then pass "$desc"; else echo "  got '$got', want '$want'"; fail "$desc"; fi
}

# experts_and_table CAPTURE PDML TABLE [OPTIONS]: the last two parts of an
# INFORM or bootstrap report: the capture's ucdiag expert infos (with
# OPTIONS, e.g. -2; the PDML kept as work/PDML.pdml for the label-limit check
# in suite/window.sh) and its -z TABLE rows.
experts_and_table() {
    local cap=$1 pdml=$2 table=$3
    shift 3
    echo "== $cap.pcap experts${1:+ ($*)}"
    ucd_tshark "$@" -r "$UCD_STAGE/captures/$cap.pcap" -T pdml 2>/dev/null |
        tee "$UCD_STAGE/work/$pdml.pdml" | ucd_experts_from_pdml ucdiag.
    echo "== $cap.pcap -z $table"
    ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" -q -z "$table" 2>&1 | grep -- ' |' | tr -s ' '
}

# ---- tshark options shared by the QoS, window and -z expert checks ----
# The crafted QoS captures carry no Microsoft evidence, so the checks of the
# port plan's own mechanics set the scope to the whole plan (suite/qos.sh says
# more).
PLAN=(-o ucdiag.qos_scope:plan)
# The "Skype for Business servers" of the crafted captures and the labs:
# the crafted server subnet, the QoS lab's server, the meeting lab's data
# centre.
SITE=(-o 'uat:ucdiag_uc_networks:"10.1.1.0/24","crafted captures: servers"'
      -o 'uat:ucdiag_uc_networks:"10.77.0.2","QoS lab server"'
      -o 'uat:ucdiag_uc_networks:"fd77::2","QoS lab server (IPv6)"'
      -o 'uat:ucdiag_uc_networks:"10.80.2.0/24","meeting lab data centre"')
